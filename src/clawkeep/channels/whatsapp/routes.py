"""The WhatsApp Cloud API webhook: ``GET|POST /channels/whatsapp/<account>``.

GET answers Meta's subscription handshake. POST, fail closed at each step: known account
-> body size cap -> ``X-Hub-Signature-256`` over the raw body (before any parsing) ->
strict parse -> the durable inbox (a message id seen before is a replay and is dropped)
-> 200. The turns run after the answer, from the inbox, so Meta's delivery timeout never
cuts a turn and a crash loses nothing (pending messages run again at start). Every
refusal is logged with its reason code and answered without saying which check failed.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from clawkeep.channels.inbox import Inbox
from clawkeep.channels.whatsapp.client import GraphClient, WhatsAppError
from clawkeep.channels.whatsapp.parse import MAX_AGE_SECONDS, WHATSAPP, SelfIds, parse_webhook
from clawkeep.channels.whatsapp.verify import verify_signature, verify_subscription
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.contracts import InboundHandler, InboundMessage
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog

__all__ = ["INBOX_FILE", "MAX_BODY", "PATH_PREFIX", "WhatsAppChannel"]

INBOX_FILE = "whatsapp-inbox.sqlite"
PATH_PREFIX = "/channels/whatsapp"
MAX_BODY = 1024 * 1024
_ACCOUNT = re.compile(r"[A-Za-z0-9_-]{1,64}")
ClientFactory = Callable[[ChannelAccessConfig], GraphClient]


def graph_client(cfg: ChannelAccessConfig) -> GraphClient:
    """The Graph API client of an account (its access token and phone number id)."""
    assert cfg.access_token is not None and cfg.phone_number_id is not None
    return GraphClient(
        cfg.access_token.get_secret_value(),
        cfg.phone_number_id,
        base_url=cfg.api_base_url,
        version=cfg.graph_api_version,
    )


class WhatsAppChannel:
    """The WhatsApp channel of one install: verifies, stores, hands on, replies."""

    def __init__(
        self,
        config: RootConfig,
        handler: InboundHandler,
        *,
        events: EventLog,
        state_dir: Path,
        clock: Callable[[], float] = time.time,
        client_factory: ClientFactory = graph_client,
    ) -> None:
        self._config = config
        self._handler = handler
        self._events = events
        self._clock = clock
        self._client_factory = client_factory
        # Ids are kept past the age limit of parse: an old capture is stale, a newer a replay.
        self.inbox = Inbox(state_dir / INBOX_FILE, keep_seconds=MAX_AGE_SECONDS + 24 * 3600)
        self._drain_lock = asyncio.Lock()

    def settings(self, account: str) -> ChannelAccessConfig | None:
        ch = self._config.channels.get(WHATSAPP)
        cfg = ch.for_account(account) if ch is not None and ch.enabled else None
        return cfg if cfg is not None and cfg.enabled else None

    def _emit(self, reason: str, account: str, detail: str = "") -> None:
        self._events.emit("channels.whatsapp", reason, account=account, detail=detail)

    async def subscribe(self, request: Request, account: str) -> Response:
        cfg = self.settings(account)
        if cfg is None:
            self._emit("channels.whatsapp.unknown_account", account)
            return PlainTextResponse("not found", status_code=404)
        token = cfg.verify_token.get_secret_value().encode() if cfg.verify_token else None
        answer = verify_subscription(request.query_params, token)
        if isinstance(answer, Deny):
            self._emit(answer.reason, account, answer.detail)
            return PlainTextResponse("forbidden", status_code=403)
        self._emit("channels.whatsapp.subscribed", account)
        return PlainTextResponse(answer)

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

    async def receive(self, request: Request, account: str) -> Response:
        cfg = self.settings(account)
        if cfg is None:
            self._emit("channels.whatsapp.unknown_account", account)
            return JSONResponse({"ok": False, "error": "not found"}, status_code=404)
        body = await self._body(request)
        if body is None:
            self._emit("channels.whatsapp.too_large", account)
            return JSONResponse({"ok": False, "error": "too large"}, status_code=413)
        secret = cfg.app_secret.get_secret_value().encode() if cfg.app_secret else None
        verdict = verify_signature(body, request.headers, secret)
        if isinstance(verdict, Deny):  # nothing of an unsigned body is parsed or stored
            self._emit(verdict.reason, account, verdict.detail)
            return JSONResponse({"ok": False, "error": "unauthorized"}, status_code=401)
        now = self._clock()
        me = SelfIds.of(cfg.business_number, cfg.business_lid)
        accepted = 0
        for item in parse_webhook(
            body, account=account, phone_number_id=cfg.phone_number_id, me=me, now=now
        ):
            if isinstance(item, Deny):
                self._emit(item.reason, account, item.detail)
            elif not self.inbox.accept(item, now):
                self._emit("channels.whatsapp.replay", account, "message id already seen")
            else:
                accepted += 1
        task = BackgroundTask(self.drain) if accepted else None
        return JSONResponse({"ok": True, "accepted": accepted}, background=task)

    async def drain(self) -> None:
        """Run every pending message's turn and reply; each row is done only after."""
        async with self._drain_lock:
            for msg in self.inbox.pending():
                await self._one(msg)

    async def _one(self, msg: InboundMessage) -> None:
        try:
            outcome = await self._handler.handle(msg)
            if outcome.reply:
                await self._reply(msg, outcome.reply)
        except WhatsAppError as exc:
            self._emit("channels.whatsapp.send_failed", msg.account, str(exc))
        except Exception as exc:  # one bad turn must not stop the channel (not a decision)
            self._emit("channels.whatsapp.handler_failed", msg.account, type(exc).__name__)
        self.inbox.done(msg)

    async def _reply(self, msg: InboundMessage, text: str) -> None:
        cfg = self.settings(msg.account)
        if cfg is None or cfg.access_token is None or cfg.phone_number_id is None:
            self._emit("channels.whatsapp.no_access_token", msg.account)
            return
        client = self._client_factory(cfg)
        try:
            is_group = msg.chat_type == "group" and msg.group is not None
            to = msg.group if is_group and msg.group else msg.sender
            await client.send_text(to, text, group=is_group, reply_to=msg.raw_id)
        finally:
            await client.aclose()

    def routes(self, prefix: str = PATH_PREFIX) -> list[Route]:
        """One literal GET+POST route per configured account (``<prefix>/<account>``)."""
        ch = self._config.channels.get(WHATSAPP)
        names = ["default", *ch.accounts] if ch is not None and ch.enabled else []
        out = []
        for name in names:
            if not _ACCOUNT.fullmatch(name):
                self._emit("channels.whatsapp.account_name", name)
                continue  # a name that cannot be a path segment is not served

            async def endpoint(request: Request, _name: str = name) -> Response:
                if request.method == "GET":
                    return await self.subscribe(request, _name)
                return await self.receive(request, _name)

            out.append(Route(f"{prefix}/{name}", endpoint, methods=["GET", "POST"]))
        return out
