"""The client API's routes: authenticate, parse, run the pipeline, answer in OpenAI's shape.

The routes are public to the gateway's middleware only so that a refusal can be an OpenAI
error object: each request is checked here by the gateway's own authenticator, with the
same per-client failed-auth limiter and lockout as every other credential, before its
body is read. Then the message goes through the pipeline like any channel's.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Mount, Route

from clawkeep.clientapi.adapter import client_api_message
from clawkeep.clientapi.wire import (
    ChatRequest,
    completion,
    completion_chunk,
    error_body,
    model_id,
    new_id,
    parse_chat_request,
)
from clawkeep.contracts import InboundHandler, Outcome
from clawkeep.decision import Deny
from clawkeep.gateway.auth import bearer_credential
from clawkeep.gateway.core import GatewayCore
from clawkeep.gateway.middleware import scope_client

__all__ = ["CLIENT_API_PREFIX", "MAX_BODY_BYTES", "client_api_routes"]

CLIENT_API_PREFIX = "/v1"
MAX_BODY_BYTES = 256 * 1024
_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]
_log = logging.getLogger("clawkeep.clientapi")
_STATUS = {
    "clientapi.bad_body": 400,
    "clientapi.bad_session": 400,
    "clientapi.too_long": 400,
    "clientapi.tools_refused": 400,
    "clientapi.unknown_model": 404,
    "clientapi.body_too_large": 413,
}


def _error(status: int, message: str, code: str, **kw: Any) -> JSONResponse:
    return JSONResponse(error_body(message, code, **kw), status_code=status)


def _deny(deny: Deny) -> JSONResponse:
    param = "model" if deny.reason == "clientapi.unknown_model" else None
    return _error(_STATUS.get(deny.reason, 400), deny.detail, deny.reason, param=param)


async def _authenticate(request: Request) -> JSONResponse | None:
    core = request.app.state.core
    assert isinstance(core, GatewayCore)
    verdict = core.authenticator.verify(
        scope_client(request.scope), bearer_credential(request.headers.raw)
    )
    if verdict.decision.allowed:
        return None
    await asyncio.sleep(verdict.delay_s)  # each failure slows the next guess
    if verdict.decision.reason == "gateway.auth.locked_out":
        return _error(
            429, verdict.decision.detail, verdict.decision.reason, kind="rate_limit_error"
        )
    message = "send the gateway token as 'Authorization: Bearer <token>'"
    if verdict.decision.reason == "gateway.auth.failed":
        message = "the gateway token is wrong"
    response = _error(401, message, verdict.decision.reason, kind="authentication_error")
    response.headers["www-authenticate"] = 'Bearer realm="clawkeep"'
    return response


async def _read_body(request: Request) -> bytes | None:
    """The body, or None once it passes the cap (read in chunks: never held whole)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _shown(outcome: Outcome) -> tuple[str, str]:
    """The assistant text and finish_reason for an outcome the pipeline decided."""
    if outcome.kind == "blocked":
        return (
            f"[clawkeep] message blocked by the channel guard ({outcome.reason})",
            "content_filter",
        )
    return outcome.reply or "", "stop"


def _extra(outcome: Outcome) -> dict[str, Any]:
    return {
        "kind": outcome.kind,
        "reason": outcome.reason,
        "agent": outcome.agent_id,
        "annotations": list(outcome.annotations),
    }


class _ClientApi:
    def __init__(self, handler: InboundHandler, agents: Sequence[str], default: str) -> None:
        self._handler = handler
        self._agents = tuple(agents)
        self._default = default

    async def models(self, request: Request) -> Response:
        refused = await _authenticate(request)
        if refused is not None:
            return refused
        data = [
            {"id": model_id(a), "object": "model", "created": 0, "owned_by": "clawkeep"}
            for a in self._agents
        ]
        return JSONResponse({"object": "list", "data": data})

    async def not_found(self, request: Request) -> Response:
        refused = await _authenticate(request)
        if refused is not None:
            return refused
        return _error(
            404, f"no endpoint {request.method} {request.url.path[:80]}", "clientapi.not_found"
        )

    async def chat(self, request: Request) -> Response:
        refused = await _authenticate(request)
        if refused is not None:
            return refused
        if request.method != "POST":
            return _error(405, "use POST for /v1/chat/completions", "clientapi.bad_method")
        raw = await _read_body(request)
        if raw is None:
            return _error(
                413, f"the body is over {MAX_BODY_BYTES} bytes", "clientapi.body_too_large"
            )
        parsed = parse_chat_request(raw, request.headers.get("x-clawkeep-session"))
        if isinstance(parsed, Deny):
            return _deny(parsed)
        agent = parsed.agent or self._default
        if agent not in self._agents:
            return _error(
                404,
                f"no agent {agent[:64]!r}: GET /v1/models lists the agents",
                "clientapi.unknown_model",
                param="model",
            )
        message = client_api_message(parsed.text, agent=agent, session=parsed.session)
        if parsed.stream:
            return StreamingResponse(self._stream(parsed, message), media_type="text/event-stream")
        try:
            outcome = await self._handler.handle(message)
        except Exception:  # a bug in a stage answers this request, it does not end the server
            _log.exception("client API turn failed")
            return _error(
                500,
                "the turn failed; see the gateway log",
                "clientapi.turn_failed",
                kind="server_error",
            )
        if outcome.kind == "dropped":
            return _error(
                403,
                outcome.detail or "the message was dropped",
                outcome.reason,
                kind="permission_error",
            )
        text, finish = _shown(outcome)
        return JSONResponse(completion(parsed.model, text, finish, _extra(outcome)))

    async def _stream(self, parsed: ChatRequest, message: Any) -> AsyncIterator[bytes]:
        ident = new_id()
        yield completion_chunk(parsed.model, ident, {"role": "assistant", "content": ""})
        try:
            outcome = await self._handler.handle(message)
        except Exception:
            _log.exception("client API turn failed")
            body = error_body(
                "the turn failed; see the gateway log", "clientapi.turn_failed", kind="server_error"
            )
            yield f"data: {json.dumps(body)}\n\n".encode()
            yield b"data: [DONE]\n\n"
            return
        if outcome.kind == "dropped":
            body = error_body(
                outcome.detail or "the message was dropped", outcome.reason, kind="permission_error"
            )
            yield f"data: {json.dumps(body)}\n\n".encode()
            yield b"data: [DONE]\n\n"
            return
        text, finish = _shown(outcome)
        if text:
            yield completion_chunk(parsed.model, ident, {"content": text})
        yield completion_chunk(
            parsed.model, ident, {}, finish, extra=(("clawkeep", _extra(outcome)),)
        )
        yield b"data: [DONE]\n\n"


def client_api_routes(
    handler: InboundHandler, agents: Sequence[str], default: str
) -> list[BaseRoute]:
    """The `/v1` mount (public to the middleware: each route authenticates itself)."""
    api = _ClientApi(handler, agents, default)
    return [
        Mount(
            CLIENT_API_PREFIX,
            routes=[
                Route("/chat/completions", api.chat, methods=_METHODS),
                Route("/models", api.models, methods=["GET"]),
                Route("/{rest:path}", api.not_found, methods=_METHODS),
            ],
        )
    ]
