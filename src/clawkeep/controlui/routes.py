"""The Control UI's routes: the page at `/`, its static files, and its JSON API.

The routes are public to the gateway's middleware (the Host check, the query-credential
refusal and the security headers still apply) and authenticate here: sign-in checks the
gateway credential with the gateway's own authenticator and failed-auth limiter, then
every other API call needs the session cookie, and every state-changing one the CSRF
token and the page's Origin (``guard``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Mount, Route

from clawkeep.channels.webchat import webchat_message
from clawkeep.controlui.chat import chat_stream
from clawkeep.controlui.guard import (
    UI_HEADERS,
    cookie_header,
    core_of,
    csrf_ok,
    origin_decision,
    secure_request,
    session_cookie,
)
from clawkeep.controlui.jsonio import json_answer, read_body, refuse, text_field
from clawkeep.controlui.signin import ABSOLUTE_S, SignInSessions, TicketBook, UiSession
from clawkeep.controlui.views import (
    ControlUiDeps,
    activity,
    approved_json,
    held_json,
    masked_config,
)
from clawkeep.decision import Deny
from clawkeep.gateway.middleware import scope_client
from clawkeep.gateway.services import pending_json

__all__ = ["UI_PREFIX", "ControlUi", "control_ui_routes"]

UI_PREFIX = "/ui"
STATIC = Path(__file__).with_name("static")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
AUDIT_CACHE_S = 30.0
_log = logging.getLogger("clawkeep.controlui")
Handler = Callable[[Request, UiSession], Awaitable[Response]]


class ControlUi:
    """The Control UI of one gateway: its sessions, tickets and the views it serves."""

    def __init__(self, deps: ControlUiDeps, sessions: SignInSessions | None = None) -> None:
        self.deps = deps
        self.sessions = sessions or SignInSessions()
        self.tickets = TicketBook()
        self.csp_reports = 0
        ui_config = deps.loaded.config.gateway.control_ui
        self._host_fallback = ui_config.dangerously_allow_host_header_origin_fallback
        self._audit: tuple[float, list[dict[str, Any]]] | None = None
        self._files = {
            p.name: (p.read_bytes(), _TYPES[p.suffix])
            for p in STATIC.iterdir()
            if p.suffix in _TYPES and p.name != "index.html"
        }
        self._index = (STATIC / "index.html").read_bytes()

    # --- pages and files -------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return Response(self._index, media_type=_TYPES[".html"], headers=UI_HEADERS)

    async def static(self, request: Request) -> Response:
        found = self._files.get(request.path_params["name"])
        if found is None:  # only the files shipped in the package, by exact name
            return refuse(404, "controlui.not_found", "no such file")
        body, kind = found
        return Response(body, media_type=kind, headers=UI_HEADERS)

    # --- signing in and out ----------------------------------------------------------

    def _signed_in(self, request: Request, sid: str, session: UiSession) -> JSONResponse:
        core = core_of(request)
        response = json_answer({"ok": True, "csrf": session.csrf})
        secure = secure_request(request, core)
        response.headers["set-cookie"] = cookie_header(sid, secure=secure, max_age=int(ABSOLUTE_S))
        return response

    async def login(self, request: Request) -> Response:
        core = core_of(request)
        origin = origin_decision(request, core, host_fallback=self._host_fallback)
        if not origin.allowed:
            return refuse(403, origin.reason, origin.detail)
        data = await read_body(request)
        if isinstance(data, Response):
            return data
        credential = data.get("credential")
        if not isinstance(credential, str) or len(credential) > 1024:
            credential = None
        client = scope_client(request.scope)
        verdict = core.authenticator.verify(client, credential or None)
        if not verdict.decision.allowed:
            await asyncio.sleep(verdict.delay_s)  # the same limiter as every credential
            locked = verdict.decision.reason == "gateway.auth.locked_out"
            return refuse(429 if locked else 401, verdict.decision.reason, verdict.decision.detail)
        sid, session = self.sessions.start(
            session_cookie(request, core_of(request))
        )  # a new id each time
        self.deps.events.emit("ui.signin", "controlui.signed_in", client=client)
        return self._signed_in(request, sid, session)

    async def redeem(self, request: Request) -> Response:
        core = core_of(request)
        origin = origin_decision(request, core, host_fallback=self._host_fallback)
        if not origin.allowed:
            return refuse(403, origin.reason, origin.detail)
        data = await read_body(request)
        if isinstance(data, Response):
            return data
        client = scope_client(request.scope)
        locked = core.limiter.check(client)
        if not locked.allowed:
            return refuse(429, locked.reason, locked.detail)
        ticket = text_field(data, "ticket", 200) or ""
        decision = self.tickets.redeem(core.settings.auth.secret, ticket)
        if not decision.allowed:
            delay = core.limiter.record_failure(client)  # a guessed ticket is a failed sign-in
            await asyncio.sleep(delay)
            return refuse(401, decision.reason, decision.detail)
        sid, session = self.sessions.start(session_cookie(request, core_of(request)))
        self.deps.events.emit("ui.signin", "controlui.ticket_ok", client=client)
        return self._signed_in(request, sid, session)

    async def session_info(self, request: Request) -> Response:
        session = self.sessions.get(session_cookie(request, core_of(request)))
        if session is None:
            return json_answer({"signedIn": False})
        return json_answer({"signedIn": True, "csrf": session.csrf})

    async def logout(self, request: Request, session: UiSession) -> Response:
        self.sessions.end(session_cookie(request, core_of(request)))
        response = json_answer({"ok": True})
        secure = secure_request(request, core_of(request))
        response.headers["set-cookie"] = cookie_header("", secure=secure, max_age=0)
        return response

    async def csp_report(self, request: Request) -> Response:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > 8192:  # a report is small; a flood of bytes is not read
                break
        self.csp_reports += 1
        if self.csp_reports <= 100:  # a flood of reports cannot flood the event log
            self.deps.events.emit(
                "ui.csp",
                "controlui.csp_violation",
                report=body[:2000].decode("utf-8", "replace"),
            )
        return Response(status_code=204, headers=UI_HEADERS)

    # --- the guard around every other API call ---------------------------------------

    def guarded(
        self, handler: Handler, *, mutate: bool
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            session = self.sessions.get(session_cookie(request, core_of(request)))
            if session is None:
                return refuse(401, "controlui.signed_out", "sign in first")
            if mutate:
                origin = origin_decision(
                    request, core_of(request), host_fallback=self._host_fallback
                )
                if not origin.allowed:
                    return refuse(403, origin.reason, origin.detail)
                if not csrf_ok(session.csrf, request.headers.get("x-csrf-token")):
                    return refuse(403, "controlui.csrf", "the CSRF token is missing or wrong")
            try:
                return await handler(request, session)
            except Exception:  # a failing view answers this request, not the server
                _log.exception("control UI %s failed", request.url.path)
                return refuse(500, "controlui.failed", "that failed; see the gateway log")

        return endpoint

    # --- views -----------------------------------------------------------------------

    async def _findings(self, fresh: bool = False) -> list[dict[str, Any]] | None:
        if self.deps.audit is None:
            return None
        now = time.monotonic()
        if fresh or self._audit is None or now - self._audit[0] > AUDIT_CACHE_S:
            findings = await run_in_threadpool(self.deps.audit)
            self._audit = (now, [f.to_json() for f in findings])
        return self._audit[1]

    async def overview(self, request: Request, session: UiSession) -> Response:
        pairing = await run_in_threadpool(self.deps.pairing.pending)
        approvals = None
        if self.deps.approvals is not None:
            approvals = len(await run_in_threadpool(self.deps.approvals.pending))
        findings = await self._findings()
        critical = (
            None if findings is None else sum(f.get("severity") == "critical" for f in findings)
        )
        return json_answer(
            {
                "agents": list(self.deps.agents),
                "defaultAgent": self.deps.default_agent,
                "pendingPairings": len(pairing),
                "pendingApprovals": approvals,
                "criticalFindings": critical,
            }
        )

    async def chat(self, request: Request, session: UiSession) -> Response:
        data = await read_body(request)
        if isinstance(data, Response):
            return data
        agent = data.get("agent") or self.deps.default_agent
        if agent not in self.deps.agents:
            return refuse(404, "routing.unknown_agent", "no such agent")
        message = webchat_message({"type": "chat", "text": data.get("text")})
        if isinstance(message, Deny):
            return refuse(400, message.reason, message.detail)
        message = dataclasses.replace(message, agent=agent)  # the operator's choice
        return StreamingResponse(
            chat_stream(self.deps, request, message),
            media_type="text/event-stream",
            headers=UI_HEADERS,
        )

    async def pairing(self, request: Request, session: UiSession) -> Response:
        pending = await run_in_threadpool(self.deps.pairing.pending)
        approved = await run_in_threadpool(self.deps.pairing.approved)
        return json_answer(
            {
                "pending": [pending_json(p) for p in pending],
                "approved": [approved_json(a) for a in approved],
            }
        )

    async def pairing_action(self, request: Request, session: UiSession) -> Response:
        data = await read_body(request)
        if isinstance(data, Response):
            return data
        action, channel = request.path_params["action"], text_field(data, "channel", 64)
        if channel is None:
            return refuse(400, "controlui.bad_body", "channel is required")
        if action == "approve":
            code = text_field(data, "code", 32)
            if code is None:
                return refuse(
                    400, "controlui.bad_body", "the code the sender was given is required"
                )
            # The access stage decides; the code is checked there, with its own limits.
            result = await run_in_threadpool(self.deps.pairing.approve, channel, code)
            return json_answer({"ok": result.allowed, "reason": result.reason})
        sender = text_field(data, "sender")
        if action not in ("deny", "revoke") or sender is None:
            return refuse(400, "controlui.bad_body", "sender is required")
        removed = await run_in_threadpool(self.deps.pairing.revoke, channel, sender)
        return json_answer({"ok": removed > 0, "removed": removed})

    async def approvals(self, request: Request, session: UiSession) -> Response:
        store = self.deps.approvals
        if store is None:
            return json_answer({"available": False, "pending": []})
        held = await run_in_threadpool(store.pending)
        return json_answer({"available": True, "pending": [held_json(h) for h in held]})

    async def approval_action(self, request: Request, session: UiSession) -> Response:
        store = self.deps.approvals
        if store is None:
            return refuse(404, "controlui.not_found", "this gateway has no approval store")
        data = await read_body(request)
        if isinstance(data, Response):
            return data
        code = text_field(data, "code", 64)
        if code is None:
            return refuse(400, "controlui.bad_body", "code is required")
        decide = store.approve if request.path_params["action"] == "approve" else store.deny
        decision = await run_in_threadpool(decide, code, "controlui")
        return json_answer({"ok": decision.approved, "reason": decision.reason})

    async def activity(self, request: Request, session: UiSession) -> Response:
        q = request.query_params
        try:
            limit = max(1, min(int(q.get("limit", "200")), 1000))
        except ValueError:
            limit = 200
        rows = activity(
            self.deps.events,
            channel=q.get("channel") or None,
            agent=q.get("agent") or None,
            reason=q.get("reason") or None,
            limit=limit,
        )
        return json_answer({"events": rows})

    async def security(self, request: Request, session: UiSession) -> Response:
        findings = await self._findings(fresh=request.query_params.get("fresh") == "1")
        return json_answer(
            {
                "available": findings is not None,
                "findings": findings or [],
                "canFix": self.deps.fix is not None,
            }
        )

    async def security_fix(self, request: Request, session: UiSession) -> Response:
        if self.deps.fix is None:
            return refuse(404, "controlui.not_found", "no fixes are wired in")
        data = await read_body(request)
        if isinstance(data, Response):
            return data
        if data.get("confirm") is not True:  # shown first, applied only when confirmed
            return refuse(400, "controlui.unconfirmed", "confirm the fixes first")
        actions = await run_in_threadpool(self.deps.fix)
        self._audit = None
        return json_answer({"actions": [a.to_json() for a in actions]})

    async def sessions_list(self, request: Request, session: UiSession) -> Response:
        found = await run_in_threadpool(self.deps.transcripts.sessions)
        return json_answer({"sessions": [{"key": k, "turns": n} for k, n in sorted(found.items())]})

    async def transcript(self, request: Request, session: UiSession) -> Response:
        key = request.query_params.get("session", "")
        turns = await run_in_threadpool(self.deps.transcripts.history, key, 200)
        return json_answer(
            {"key": key, "turns": [{"role": t.role, "text": t.text, "ts": t.ts} for t in turns]}
        )

    async def session_delete(self, request: Request, session: UiSession) -> Response:
        data = await read_body(request)
        if isinstance(data, Response):
            return data
        key = text_field(data, "key", 1024)
        if key is None:
            return refuse(400, "controlui.bad_body", "key is required")
        removed = await run_in_threadpool(self.deps.transcripts.delete, key)
        self.deps.events.emit("ui.session", "controlui.session_deleted", session_key=key)
        return json_answer({"ok": removed > 0, "removed": removed})

    async def config(self, request: Request, session: UiSession) -> Response:
        secret = core_of(request).settings.auth.secret
        return json_answer(masked_config(self.deps.loaded, [secret] if secret else []))


def control_ui_routes(ui: ControlUi) -> list[BaseRoute]:
    """`/` and the `/ui` mount (public to the middleware: the UI authenticates itself)."""
    g = ui.guarded
    api = [
        Route("/login", ui.login, methods=["POST"]),
        Route("/redeem", ui.redeem, methods=["POST"]),
        Route("/session", ui.session_info, methods=["GET"]),
        Route("/logout", g(ui.logout, mutate=True), methods=["POST"]),
        Route("/csp-report", ui.csp_report, methods=["POST"]),
        Route("/overview", g(ui.overview, mutate=False), methods=["GET"]),
        Route("/chat", g(ui.chat, mutate=True), methods=["POST"]),
        Route("/pairing", g(ui.pairing, mutate=False), methods=["GET"]),
        Route("/pairing/{action}", g(ui.pairing_action, mutate=True), methods=["POST"]),
        Route("/approvals", g(ui.approvals, mutate=False), methods=["GET"]),
        Route("/approvals/{action}", g(ui.approval_action, mutate=True), methods=["POST"]),
        Route("/activity", g(ui.activity, mutate=False), methods=["GET"]),
        Route("/security", g(ui.security, mutate=False), methods=["GET"]),
        Route("/security/fix", g(ui.security_fix, mutate=True), methods=["POST"]),
        Route("/sessions", g(ui.sessions_list, mutate=False), methods=["GET"]),
        Route("/sessions/transcript", g(ui.transcript, mutate=False), methods=["GET"]),
        Route("/sessions/delete", g(ui.session_delete, mutate=True), methods=["POST"]),
        Route("/config", g(ui.config, mutate=False), methods=["GET"]),
    ]
    return [
        Route("/", ui.index, methods=["GET"]),
        Mount(
            UI_PREFIX,
            routes=[
                Route("/static/{name}", ui.static, methods=["GET"]),
                Mount("/api", routes=api),
            ],
        ),
    ]
