"""A live install behind a gateway serving the Control UI (and the client API), and a
small cookie-keeping HTTP client that behaves as the UI's page does."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clawkeep.audit.fix import apply_fixes
from clawkeep.config.agents import default_agent, resolve_agents
from clawkeep.controlui import ControlUi, ControlUiDeps, control_ui_routes
from clawkeep.controlui.views import ApprovalsAdmin
from tests.clientapi.live import TOKEN, Live, client_api, live_gateway

__all__ = ["TOKEN", "Browserish", "UiLive", "ui_gateway"]


@dataclass
class UiLive:
    live: Live
    ui: ControlUi

    @property
    def port(self) -> int:
        return int(self.live.gateway.port)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def ui_gateway(
    root: Path,
    approvals: ApprovalsAdmin | None = None,
    *,
    with_fix: bool = False,
    **overrides: Any,
) -> Iterator[UiLive]:
    holder: dict[str, ControlUi] = {}

    def routes(install: Any) -> list[Any]:
        loaded = install.loaded
        deps = ControlUiDeps(
            loaded=loaded,
            handler=install.pipeline,
            events=install.events,
            pairing=install.pairing,
            transcripts=install.store,
            agents=tuple(a.id for a in resolve_agents(loaded.config, loaded.paths)),
            default_agent=default_agent(loaded.config, loaded.paths).id,
            audit=lambda: _audit(loaded),
            fix=(lambda: apply_fixes(loaded)) if with_fix else None,
            approvals=approvals,
        )
        holder["ui"] = ControlUi(deps)
        return [*control_ui_routes(holder["ui"]), *client_api(install)]

    with live_gateway(root, route_factory=routes, **overrides) as live:
        yield UiLive(live, holder["ui"])


def _audit(loaded: Any) -> Any:
    from clawkeep.audit.run import run_audit

    return run_audit(loaded.paths, env={}).findings


@dataclass
class Browserish:
    """Requests as the UI's page makes them: cookie kept, Origin and CSRF on POSTs."""

    port: int
    cookie: str | None = None
    csrf: str | None = None
    origin: str | None = None
    last_headers: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        raw: bool = False,
    ) -> tuple[int, Any]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        send = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookie:
            send["Cookie"] = f"clawkeep_ui={self.cookie}"
        data = None
        if method == "POST":
            send["Origin"] = self.origin or f"http://127.0.0.1:{self.port}"
            send["Content-Type"] = "application/json"
            if self.csrf:
                send["X-CSRF-Token"] = self.csrf
            data = json.dumps(body if body is not None else {}).encode()
        send.update(headers or {})
        send = {k: v for k, v in send.items() if v != ""}
        try:
            conn.request(method, path, body=data, headers=send)
            resp = conn.getresponse()
            payload = resp.read()
            self.last_headers = {k.lower(): v for k, v in resp.getheaders()}
            cookie = resp.getheader("set-cookie")
            if cookie and cookie.startswith("clawkeep_ui="):
                value = cookie.split(";", 1)[0].split("=", 1)[1]
                self.cookie = value or None
            if raw or not payload:
                return resp.status, payload
            kind = resp.getheader("content-type", "")
            return resp.status, json.loads(payload) if "json" in kind else payload
        finally:
            conn.close()

    def sign_in(self, credential: str = TOKEN) -> int:
        status, body = self.request("POST", "/ui/api/login", {"credential": credential})
        if status == 200:
            self.csrf = body["csrf"]
        return status
