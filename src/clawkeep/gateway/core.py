"""The gateway's state and its methods: what each protocol request does.

The WebSocket endpoint parses frames; this module answers them. Every answer is either a
result or an error with a stable code; a failing seam (handler, pairing store) becomes an
error frame for that request, never a dead connection or a dead server.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from clawkeep import __version__
from clawkeep.channels.webchat import webchat_message
from clawkeep.contracts import InboundHandler
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.gateway import protocol as p
from clawkeep.gateway.accesslog import AccessLog
from clawkeep.gateway.auth import Authenticator
from clawkeep.gateway.bus import EventBus
from clawkeep.gateway.ratelimit import AuthRateLimiter
from clawkeep.gateway.services import (
    AuditRunner,
    ChatEntry,
    ChatHistory,
    MemoryChatHistory,
    PairingService,
    pending_json,
)
from clawkeep.gateway.settings import GatewaySettings

__all__ = ["GatewayCore", "GatewayServices", "RpcError"]

_log = logging.getLogger("clawkeep.gateway")


@dataclass(frozen=True)
class GatewayServices:
    """What the gateway is wired to; only the inbound handler is required."""

    handler: InboundHandler
    pairing: PairingService | None = None
    history: ChatHistory = field(default_factory=MemoryChatHistory)
    audit: AuditRunner | None = None
    events: EventLog | None = None


@dataclass(frozen=True, slots=True)
class RpcError:
    code: str
    message: str


class GatewayCore:
    """Settings, seams and live state shared by the HTTP middleware and the WS endpoint."""

    def __init__(
        self, settings: GatewaySettings, services: GatewayServices, access_log: AccessLog
    ) -> None:
        self.settings = settings
        self.services = services
        self.access_log = access_log
        self.limiter = AuthRateLimiter(settings.rate_limit)
        self.authenticator = Authenticator(settings.auth, self.limiter)
        self.bus = EventBus(services.events)
        self.started = time.time()
        self.connections = 0
        self._inflight: set[asyncio.Task[Any]] = set()

    def status(self) -> dict[str, Any]:
        """What `status` and `/api/status` say: nothing secret, nothing about the host."""
        return {
            "server": "clawkeep",
            "version": __version__,
            "uptimeS": round(time.time() - self.started, 3),
            "auth": self.settings.auth.mode,
            "loopback": self.settings.loopback,
            "connections": self.connections,
        }

    def track(self, task: asyncio.Task[Any]) -> None:
        """Keep ``task`` until done, so shutdown can wait for acknowledged work."""
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)

    async def drain(self, timeout_s: float = 30.0) -> None:
        """Wait for in-flight requests to finish (SIGTERM: nothing acknowledged is lost)."""
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=timeout_s)

    async def call(self, method: str, params: dict[str, Any]) -> Any | RpcError:
        """Answer one request; unknown methods and bad params are errors, not exceptions."""
        model = p.METHODS.get(method)
        if model is None:
            return RpcError("protocol.unknown_method", f"no method {method[:64]!r}")
        try:
            parsed = model.model_validate(params)
        except ValidationError as exc:
            return RpcError("protocol.bad_params", p.first_error(exc))
        try:
            return await self._dispatch(method, parsed)
        except Exception:  # a bug in a seam answers this request, it does not end the server
            _log.exception("gateway method %s failed", method)
            return RpcError("internal.error", f"{method} failed; see the gateway log")

    async def _dispatch(self, method: str, params: Any) -> Any | RpcError:
        if method == "status":
            return self.status()
        if method == "chat.send":
            return await self._chat_send(params)
        if method == "chat.history":
            entries = await run_in_threadpool(self.services.history.recent, params.limit)
            return {"entries": [e.to_json() for e in entries]}
        if method in ("pairing.list", "pairing.approve", "pairing.revoke"):
            return await self._pairing(method, params)
        if method == "audit.run":
            runner = self.services.audit
            if runner is None:
                return RpcError("audit.unavailable", "this gateway has no audit wired in")
            findings = await run_in_threadpool(runner)
            return {"findings": [f.to_json() for f in findings]}
        return RpcError("protocol.unknown_method", f"no method {method!r}")

    async def _chat_send(self, params: p.ChatSendParams) -> dict[str, Any] | RpcError:
        now = time.time()
        # The web chat adapter builds the message: only an authenticated operator gets here.
        message = webchat_message({"type": "chat", "text": params.text}, now=now)
        if isinstance(message, Deny):
            return RpcError(message.reason, message.detail)
        outcome = await self.services.handler.handle(message)
        entries = [ChatEntry("user", params.text, now)]
        if outcome.reply is not None:
            entries.append(ChatEntry("assistant", outcome.reply, time.time(), outcome.reason))
        await run_in_threadpool(self.services.history.append, entries)
        for entry in entries:
            self.bus.publish("chat.message", entry.to_json())
        return {
            "messageId": message.raw_id,
            "kind": outcome.kind,
            "reason": outcome.reason,
            "reply": outcome.reply,
        }

    async def _pairing(self, method: str, params: Any) -> Any | RpcError:
        service = self.services.pairing
        if service is None:
            return RpcError("pairing.unavailable", "this gateway has no pairing store wired in")
        if method == "pairing.list":
            found = await run_in_threadpool(service.pending, params.channel)
            return {"requests": [pending_json(r) for r in found]}
        if method == "pairing.revoke":
            removed = await run_in_threadpool(service.revoke, params.channel, params.sender)
            return {"revoked": removed}
        decision = await run_in_threadpool(service.approve, params.channel, params.code)
        return {"approved": decision.allowed, "reason": decision.reason}
