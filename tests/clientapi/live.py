"""A live install behind a real gateway on loopback, answered by a loopback fake provider.

The provider speaks OpenAI's chat-completions SSE. It answers "echo: <the user's text>";
a message containing "run exec" makes it call ``exec`` first (which the seed policy
refuses), and it then reports what the tool answered. The channel guard is a scripted
scanner that blocks text containing "IGNORE PREVIOUS" (the classifier itself is tested
under tests/guards). Everything else is the real install: pipeline, stores, runtime.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from starlette.routing import BaseRoute

from clawkeep.clientapi import client_api_routes
from clawkeep.compose import Install, build_install
from clawkeep.config.agents import default_agent, resolve_agents
from clawkeep.config.schema.models import ModelsConfig
from clawkeep.gateway.core import GatewayServices
from tests.conftest import make_install
from tests.gateway.gateway_helpers import TOKEN, RunningGateway, settings

__all__ = ["TOKEN", "Live", "ScriptedGuard", "echo_provider", "live_install"]


def _sse(obj: Any) -> bytes:
    return f"data: {obj if isinstance(obj, str) else json.dumps(obj)}\n\n".encode()


def _answer(body: dict[str, Any]) -> list[bytes]:
    messages = body.get("messages", [])
    last = messages[-1] if messages else {}
    if last.get("role") == "tool":
        text = f"the tool said: {str(last.get('content'))[:80]}"
    else:
        text = f"echo: {last.get('content')}"
        if "run exec" in str(last.get("content")):
            call = {
                "index": 0,
                "id": "call_1",
                "type": "function",
                "function": {"name": "exec", "arguments": json.dumps({"command": "id"})},
            }
            return [
                _sse({"choices": [{"index": 0, "delta": {"tool_calls": [call]}}]}),
                _sse({"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}),
                _sse("[DONE]"),
            ]
    return [
        _sse({"choices": [{"index": 0, "delta": {"content": text}}]}),
        _sse({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
        _sse("[DONE]"),
    ]


@contextmanager
def echo_provider() -> Iterator[str]:
    """The fake provider's base URL while it runs."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            chunks = _answer(json.loads(self.rfile.read(length) or b"{}"))
            payload = b"".join(chunks)
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass(frozen=True)
class _Scan:
    verdict: str
    score: float
    reason: str


class ScriptedGuard:
    """Blocks text containing "IGNORE PREVIOUS"; allows the rest."""

    def scan(self, text: str, *, channel: str) -> _Scan:
        if "IGNORE PREVIOUS" in text:
            return _Scan("block", 0.99, "channel_guard.block")
        return _Scan("allow", 0.01, "channel_guard.allow")


def live_install(root: Path, provider_url: str, extra: dict[str, Any] | None = None) -> Install:
    """An install with agents ``main`` and ``helper`` on the fake provider."""
    raw: dict[str, Any] = {
        "agents": {
            "defaults": {"model": "local/m"},
            "list": [{"id": "main", "default": True}, {"id": "helper"}],
        },
        "tools": {"deny": ["exec", "process", "gateway"]},
        # Strangers may write on Telegram (no bot token: nothing polls; tests hand messages in).
        "channels": {"telegram": {"dmPolicy": "open", "allowFrom": ["*"]}},
        **(extra or {}),
    }
    loaded = make_install(root, raw)
    models = ModelsConfig.model_validate(
        {"providers": {"local": {"baseUrl": provider_url, "maxRetries": 0}}}
    )
    return build_install(
        loaded, {}, channel_guard=ScriptedGuard(), runtime_options={"models": models}
    )


def stranger_says(install: Install, text: str) -> Any:
    """A stranger's Telegram DM through the install's own pipeline; its Outcome."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from clawkeep.contracts import InboundMessage

    message = InboundMessage("telegram", "default", "666", "direct", text, "tg-1")
    # Its own thread and loop: a caller may already run one (the browser driver does).
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, install.pipeline.handle(message)).result(timeout=60)


@dataclass
class Live:
    install: Install
    gateway: RunningGateway
    clients: list[Any] = field(default_factory=list)  # closed when the gateway stops

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.gateway.port}"


def client_api(install: Install) -> Sequence[BaseRoute]:
    loaded = install.loaded
    agents = [a.id for a in resolve_agents(loaded.config, loaded.paths)]
    default = default_agent(loaded.config, loaded.paths).id
    return client_api_routes(install.pipeline, agents, default)


@contextmanager
def live_gateway(
    root: Path,
    route_factory: Callable[[Install], Sequence[BaseRoute]] | None = None,
    **overrides: Any,
) -> Iterator[Live]:
    """The install behind a gateway with the client API mounted (or ``route_factory``'s)."""
    with echo_provider() as url:
        install = live_install(root, url)
        services = GatewayServices(
            handler=install.pipeline, pairing=install.pairing, events=install.events
        )
        routes = (route_factory or client_api)(install)
        gateway = RunningGateway(settings(**overrides), services, public_routes=routes)
        live = Live(install, gateway)
        try:
            yield live
        finally:
            for client in live.clients:
                client.close()
            gateway.stop()
            # The provider client's pooled connections, closed on a loop of their own (the
            # caller's thread may be running one: playwright's).
            closer = threading.Thread(target=asyncio.run, args=(install.aclose(),))
            closer.start()
            closer.join(30)
