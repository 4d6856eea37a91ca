"""The signed webhook endpoint: ``POST /channels/webhook/<account>`` for bridges.

Each configured account gets its own literal path (``/channels/webhook/default``,
``/channels/webhook/<account>``). Order of work, fail closed at each step: known
account -> body size cap -> signature, timestamp and replay (``verify``) -> strict
body (``payload``) -> the pipeline. Every verification failure answers the same 401
(the sender learns nothing about which check failed), is logged with its reason code,
and stores nothing. An admitted message's reply is POSTed to the account's
``callbackUrl`` after the response.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from clawkeep.channels.webhook.payload import WEBHOOK, parse_payload
from clawkeep.channels.webhook.reply import deliver_reply
from clawkeep.channels.webhook.verify import ReplayCache, verify_signed
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.contracts import InboundHandler, InboundMessage, OutboundReply
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.guards.network_guard import Resolver, policy_from_config

__all__ = ["MAX_BODY", "PATH_PREFIX", "REPLAY_FILE", "WebhookChannel", "webhook_routes"]

REPLAY_FILE = "webhook-replay.sqlite"
PATH_PREFIX = "/channels/webhook"
_ACCOUNT = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_BODY = 64 * 1024
_REFUSED = {"ok": False, "error": "unauthorized"}


class WebhookChannel:
    """The webhook channel of one install: verifies, parses, hands on, replies."""

    def __init__(
        self,
        config: RootConfig,
        handler: InboundHandler,
        *,
        events: EventLog,
        clock: Callable[[], float] = time.time,
        resolver: Resolver | None = None,
        state_dir: Path | None = None,
    ) -> None:
        self._config = config
        self._handler = handler
        self._events = events
        self._clock = clock
        self._resolver = resolver
        self._policy = policy_from_config(config.guards.network)
        self.replay = ReplayCache(path=state_dir / REPLAY_FILE if state_dir else None)

    def _settings(self, account: str) -> ChannelAccessConfig | None:
        ch = self._config.channels.get(WEBHOOK)
        cfg = ch.for_account(account) if ch is not None and ch.enabled else None
        return cfg if cfg is not None and cfg.enabled else None

    async def _body(self, request: Request) -> bytes | None:
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY:
            return None
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:  # a lying Content-Length does not get past the cap
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def _drop(self, reason: str, account: str, status: int = 401) -> Response:
        self._events.emit("channels.webhook", reason, account=account)
        body = _REFUSED if status == 401 else {"ok": False, "error": reason.rsplit(".", 1)[-1]}
        return JSONResponse(body, status_code=status)

    async def endpoint(self, request: Request, account: str = "default") -> Response:
        """Handle one POST for ``account``."""
        cfg = self._settings(account)
        if cfg is None:
            return self._drop("channels.webhook.unknown_account", account, 404)
        body = await self._body(request)
        if body is None:
            return self._drop("channels.webhook.too_large", account, 413)
        secret = cfg.secret.get_secret_value().encode() if cfg.secret else None
        now = self._clock()
        verdict = verify_signed(body, request.headers, secret, now, self.replay)
        if isinstance(verdict, Deny):
            return self._drop(verdict.reason, account)
        msg = parse_payload(body, account=account, now=now)
        if isinstance(msg, Deny):
            return self._drop(msg.reason, account, 400)
        outcome = await self._handler.handle(msg)
        task = None
        if outcome.reply and cfg.callback_url and secret:
            task = BackgroundTask(self._reply, cfg.callback_url, secret, msg, outcome.reply)
        elif outcome.reply:
            self._events.emit("channels.webhook", "channels.webhook.no_callback", account=account)
        return JSONResponse(
            {"ok": True, "outcome": outcome.kind, "reason": outcome.reason}, background=task
        )

    async def _reply(self, url: str, secret: bytes, msg: InboundMessage, text: str) -> None:
        to = msg.group if msg.chat_type == "group" and msg.group else msg.sender
        reply = OutboundReply(WEBHOOK, msg.account, to, text, msg.thread, msg.raw_id)
        result = await deliver_reply(
            url, reply, secret, self._policy, now=self._clock(), resolver=self._resolver
        )
        self._events.emit(
            "channels.webhook", result.reason, account=msg.account, detail=result.detail
        )

    def routes(self, prefix: str = PATH_PREFIX) -> list[Route]:
        """One literal route per configured account (``<prefix>/<account>``).

        Literal paths, not a ``{account}`` template: the gateway exempts public routes
        from its token check by exact path, and an unknown account then never reaches
        this code at all.
        """
        ch = self._config.channels.get(WEBHOOK)
        names = ["default", *ch.accounts] if ch is not None and ch.enabled else []
        out = []
        for name in names:
            if not _ACCOUNT.fullmatch(name):
                self._events.emit("channels.webhook", "channels.webhook.account_name", account=name)
                continue  # a name that cannot be a path segment is not served

            async def endpoint(request: Request, _name: str = name) -> Response:
                return await self.endpoint(request, _name)

            out.append(Route(f"{prefix}/{name}", endpoint, methods=["POST"]))
        return out


def webhook_routes(
    config: RootConfig,
    handler: InboundHandler,
    *,
    events: EventLog,
    clock: Callable[[], float] = time.time,
    resolver: Resolver | None = None,
    state_dir: Path | None = None,
) -> list[Route]:
    """The starlette routes of the webhook channel, for the gateway to mount.

    With ``state_dir``, seen signatures persist in ``<state>/webhook-replay.sqlite``.
    """
    channel = WebhookChannel(
        config, handler, events=events, clock=clock, resolver=resolver, state_dir=state_dir
    )
    return channel.routes()
