"""The `/ws` endpoint: authenticate first, then JSON requests, responses and events.

Authentication is the handshake's `Authorization: Bearer` header or, for browsers that
cannot set headers, the first frame `{"type": "auth", "token": ...}`. Nothing else is read
before it succeeds. After it, every frame is size-checked and validated; a bad one gets an
error frame and the connection carries on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from pydantic import ValidationError
from starlette.websockets import WebSocket, WebSocketDisconnect

from clawkeep import __version__
from clawkeep.gateway import protocol as p
from clawkeep.gateway.auth import bearer_credential
from clawkeep.gateway.bus import Subscription
from clawkeep.gateway.core import GatewayCore, RpcError
from clawkeep.gateway.middleware import owner_peer, scope_client

__all__ = ["WsConnection", "websocket_endpoint"]

MAX_IN_FLIGHT = 32  # requests one connection may have open: a flood cannot queue unbounded work
CLOSE_AUTH_FAILED = 4401
CLOSE_LOCKED_OUT = 4429


class WsConnection:
    """One authenticated client: its send lock, its requests in flight, its subscription."""

    def __init__(self, core: GatewayCore, ws: WebSocket) -> None:
        self.core = core
        self.ws = ws
        self.client = scope_client(ws.scope)
        self._send_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._sub: Subscription | None = None
        self._pump: asyncio.Task[None] | None = None

    async def send(self, frame: dict[str, Any]) -> None:
        text = json.dumps(frame, ensure_ascii=False, default=str)
        async with self._send_lock:
            with contextlib.suppress(WebSocketDisconnect, RuntimeError):
                await self.ws.send_text(text)

    async def authenticate(self) -> bool:
        credential = bearer_credential(self.ws.scope.get("headers", []))
        auth = self.core.authenticator
        if credential is None and auth.required:
            credential = await self._first_frame_credential()
            if credential is None:
                return False
        verdict = auth.verify(self.client, credential, owner_peer(self.ws.scope))
        reason = verdict.decision.reason
        self.core.access_log.record(
            client=self.client,
            event="ws.auth",
            status=101 if verdict.decision.allowed else 401,
            auth=reason,
        )
        if verdict.decision.allowed:
            return True
        await asyncio.sleep(verdict.delay_s)  # each failure slows the next guess
        locked = reason in ("gateway.auth.locked_out", "gateway.auth.busy")
        await self.send(p.error_frame(None, reason, verdict.decision.detail))
        await self.ws.close(CLOSE_LOCKED_OUT if locked else CLOSE_AUTH_FAILED, reason)
        return False

    async def _first_frame_credential(self) -> str | None:
        try:
            text = await asyncio.wait_for(self.ws.receive_text(), self.core.settings.auth_timeout_s)
        except (TimeoutError, WebSocketDisconnect, KeyError, RuntimeError):
            text = None
        frame = None
        if text is not None and len(text) <= 4096:
            with contextlib.suppress(ValidationError):
                frame = p.AuthFrame.model_validate_json(text)
        credential = None if frame is None else frame.token or frame.password
        if credential is None:
            self.core.access_log.record(
                client=self.client, event="ws.auth", status=401, auth="gateway.auth.missing"
            )
            await self.send(p.error_frame(None, "gateway.auth.missing", "send an auth frame first"))
            with contextlib.suppress(RuntimeError):
                await self.ws.close(CLOSE_AUTH_FAILED, "gateway.auth.missing")
        return credential

    async def serve(self) -> None:
        await self.send(
            {
                "type": "hello",
                "server": "clawkeep",
                "version": __version__,
                "methods": sorted(p.METHODS),
            }
        )
        limit = self.core.settings.max_frame_bytes
        while True:
            message = await self.ws.receive()
            if message["type"] == "websocket.disconnect":
                break
            text = message.get("text")
            if text is None:
                await self.send(p.error_frame(None, "protocol.binary", "send JSON text frames"))
                continue
            if len(text.encode()) > limit:
                detail = f"frame over {limit} bytes"
                await self.send(p.error_frame(None, "protocol.too_large", detail))
                continue
            try:
                frame = p.RequestFrame.model_validate_json(text)
            except ValidationError as exc:
                await self.send(
                    p.error_frame(_guess_id(text), "protocol.bad_frame", p.first_error(exc))
                )
                continue
            if len(self._tasks) >= MAX_IN_FLIGHT:
                detail = f"more than {MAX_IN_FLIGHT} requests in flight; wait for answers"
                await self.send(p.error_frame(frame.id, "protocol.busy", detail))
                continue
            task = asyncio.create_task(self._answer(frame))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            self.core.track(task)

    async def _answer(self, frame: p.RequestFrame) -> None:
        result: Any
        if frame.method == "events.subscribe":
            result = self._subscribe(frame.params)
        elif frame.method == "events.unsubscribe":
            result = self._unsubscribe()
        else:
            result = await self.core.call(frame.method, frame.params)
        if isinstance(result, RpcError):
            await self.send(p.error_frame(frame.id, result.code, result.message))
        else:
            await self.send(p.result_frame(frame.id, result))

    def _subscribe(self, raw: dict[str, Any]) -> dict[str, Any] | RpcError:
        try:
            params = p.SubscribeParams.model_validate(raw)
        except ValidationError as exc:
            return RpcError("protocol.bad_params", p.first_error(exc))
        self._unsubscribe()
        self._sub = self.core.bus.subscribe(tuple(params.kinds))
        self._pump = asyncio.create_task(self._pump_events(self._sub))
        return {"subscribed": list(params.kinds) or ["*"]}

    def _unsubscribe(self) -> dict[str, Any]:
        if self._sub is not None:
            self.core.bus.unsubscribe(self._sub)
            self._sub = None
        if self._pump is not None:
            self._pump.cancel()
            self._pump = None
        return {"subscribed": []}

    async def _pump_events(self, sub: Subscription) -> None:
        while True:
            await self.send(await sub.queue.get())

    async def finish(self) -> None:
        """The client left: finish its requests (their work is persisted), drop its stream."""
        if self._tasks:
            await asyncio.wait(set(self._tasks))
        self._unsubscribe()


def _guess_id(text: str) -> p.RequestId | None:
    """Echo the id of a bad request when one can be read, so the client can match it."""
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):  # a nesting bomb must not end the connection
        return None
    value = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(value, str) and len(value) <= 128:
        return value
    return value if isinstance(value, int) and not isinstance(value, bool) else None


async def websocket_endpoint(core: GatewayCore, ws: WebSocket) -> None:
    """Serve one WebSocket connection from handshake to close."""
    await ws.accept()
    conn = WsConnection(core, ws)
    if not await conn.authenticate():
        return
    core.connections += 1
    core.access_log.record(client=conn.client, event="ws.open", status=101, auth="gateway.auth.ok")
    try:
        await conn.serve()
    except WebSocketDisconnect:
        pass
    finally:
        core.connections -= 1
        await conn.finish()
        core.access_log.record(
            client=conn.client, event="ws.close", status=101, auth="gateway.auth.ok"
        )
