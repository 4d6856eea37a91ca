"""Real gateways for tests: the app on an ephemeral loopback port, served in a thread."""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.routing import BaseRoute

from clawkeep.contracts import InboundMessage, Outcome
from clawkeep.decision import Allow, Deny
from clawkeep.gateway.app import create_app
from clawkeep.gateway.connguard import ConnectionLimits
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.server import bind_sockets, serve
from clawkeep.gateway.settings import GatewaySettings, RateLimitSettings, ResolvedAuth

TOKEN = "0f" * 24


class EchoHandler:
    """A real inbound handler: answers every message with its text."""

    def __init__(self) -> None:
        self.seen: list[InboundMessage] = []

    async def handle(self, message: InboundMessage) -> Outcome:
        self.seen.append(message)
        return Outcome("admitted", "test.echo", reply=f"echo: {message.text}")


@dataclass(frozen=True)
class Pending:
    channel: str
    account: str
    sender: str
    sender_name: str | None
    created_at: float
    expires_at: float


@dataclass
class MemoryPairing:
    """Pending requests in a list; one right code per request."""

    codes: dict[str, Pending] = field(default_factory=dict)
    approved: list[str] = field(default_factory=list)

    def pending(self, channel: str | None = None) -> Sequence[Pending]:
        return [p for p in self.codes.values() if channel in (None, p.channel)]

    def approve(self, channel: str, code: str) -> Allow | Deny:
        found = self.codes.get(code)
        if found is None or found.channel != channel:
            return Deny("access.pairing.bad_code")
        del self.codes[code]
        self.approved.append(found.sender)
        return Allow("access.pairing.approved")

    def revoke(self, channel: str, sender: str) -> int:
        before = len(self.approved)
        self.approved = [s for s in self.approved if s != sender]
        return before - len(self.approved)


def settings(**overrides: Any) -> GatewaySettings:
    base: dict[str, Any] = {
        "auth": ResolvedAuth("token", TOKEN),
        "hosts": ("127.0.0.1",),
        "port": 0,
        "rate_limit": RateLimitSettings(max_attempts=3, delay_step_s=0.01, delay_max_s=0.02),
        "auth_timeout_s": 2.0,
    }
    base.update(overrides)
    return GatewaySettings(**base)


class RunningGateway:
    """A gateway served by uvicorn in a background thread until ``stop``."""

    def __init__(
        self,
        gw_settings: GatewaySettings,
        services: GatewayServices,
        access_log: Path | None = None,
        routes: Sequence[BaseRoute] = (),
        public_routes: Sequence[BaseRoute] = (),
        limits: ConnectionLimits | None = None,
    ) -> None:
        self._limits = limits
        self.app = create_app(
            gw_settings,
            services,
            access_log_path=access_log,
            routes=routes,
            public_routes=public_routes,
        )
        sockets = bind_sockets(gw_settings.hosts, gw_settings.port)
        self.port = sockets[0].getsockname()[1]
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, args=(sockets,), daemon=True)
        self._thread.start()
        if not self._ready.wait(20):
            raise RuntimeError("the gateway did not start")

    def _run(self, sockets: list[Any]) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            await serve(
                self.app,
                sockets,
                stop=self._stop,
                on_ready=lambda _: self._ready.set(),
                limits=self._limits,
            )

        asyncio.run(main())

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def http(
        self, method: str, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], Any]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(method, path, headers=headers or {})
            resp = conn.getresponse()
            body = resp.read()
            json_body = resp.getheader("content-type", "").startswith("application/json")
            parsed = json.loads(body) if body and json_body else body
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, parsed
        finally:
            conn.close()

    def ws_handshake_status(self, headers: dict[str, str]) -> int:
        """The HTTP status of a raw WebSocket upgrade request with exactly ``headers``."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.putrequest("GET", "/ws", skip_host=True, skip_accept_encoding=True)
            base = {
                "Host": f"127.0.0.1:{self.port}",
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version": "13",
            }
            for name, value in {**base, **headers}.items():
                conn.putheader(name, value)
            conn.endheaders()
            return conn.getresponse().status
        finally:
            conn.close()

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)
