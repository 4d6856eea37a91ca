"""Browser-facing defences: security headers, DNS rebinding, foreign origins, the access log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

from clawkeep.gateway.core import GatewayServices
from tests.gateway.gateway_helpers import TOKEN, EchoHandler, RunningGateway, settings

RIGHT = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize(
    ("path", "headers"),
    [("/health", {}), ("/api/status", {}), ("/api/status", RIGHT), ("/nope", RIGHT)],
)
def test_every_response_carries_the_security_headers(
    gateway: RunningGateway, path: str, headers: dict[str, str]
) -> None:
    _, got, _ = gateway.http("GET", path, headers)
    assert "default-src 'none'" in got["content-security-policy"]
    assert "frame-ancestors 'none'" in got["content-security-policy"]
    assert got["x-content-type-options"] == "nosniff"
    assert got["referrer-policy"] == "no-referrer"
    assert "server" not in got


@pytest.mark.parametrize("host", ["evil.example", "evil.example:18789", "10.0.0.5"])
def test_dns_rebinding_host_header_is_refused_on_loopback(
    gateway: RunningGateway, host: str
) -> None:
    status, _, body = gateway.http("GET", "/api/status", {**RIGHT, "Host": host})
    assert (status, body["error"]) == (421, "gateway.http.bad_host")
    assert gateway.ws_handshake_status({}) == 101  # the raw handshake itself works
    assert gateway.ws_handshake_status({"Host": host}) == 403


@pytest.mark.parametrize("host", ["localhost:1234", "127.0.0.1", "[::1]:5"])
def test_loopback_host_names_are_accepted(gateway: RunningGateway, host: str) -> None:
    assert gateway.http("GET", "/api/status", {**RIGHT, "Host": host})[0] == 200


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "null", "http://localhost.evil.example"]
)
def test_foreign_origin_cannot_open_the_websocket(
    gateway: RunningGateway, origin: str, echo: EchoHandler
) -> None:
    with pytest.raises(InvalidStatus):
        connect(gateway.ws_url, origin=Origin(origin), open_timeout=10)


def test_loopback_and_configured_origins_may_open_the_websocket(echo: EchoHandler) -> None:
    gw = RunningGateway(
        settings(allowed_origins=frozenset({"https://ui.example.org"})),
        GatewayServices(handler=echo),
    )
    try:
        for origin in ("http://localhost:5173", "http://127.0.0.1", "https://ui.example.org"):
            with connect(gw.ws_url, origin=Origin(origin), open_timeout=10) as ws:
                ws.send(json.dumps({"type": "auth", "token": TOKEN}))
                assert json.loads(ws.recv(timeout=10))["type"] == "hello"
    finally:
        gw.stop()


def test_access_log_records_outcomes_and_never_the_token(tmp_path: Path, echo: EchoHandler) -> None:
    log = tmp_path / "logs" / "access.jsonl"
    gw = RunningGateway(settings(), GatewayServices(handler=echo), access_log=log)
    try:
        gw.http("GET", "/api/status", RIGHT)
        gw.http("GET", "/api/status", {"Authorization": "Bearer wrong-" + TOKEN[:20]})
        gw.http("GET", f"/api/status?token={TOKEN}")
    finally:
        gw.stop()
    text = log.read_text()
    assert TOKEN not in text and TOKEN[:20] not in text
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["auth"] for r in records] == [
        "gateway.auth.ok",
        "gateway.auth.failed",
        "gateway.auth.token_in_query",
    ]
    assert {r["client"] for r in records} == {"127.0.0.1"}
    assert [r["status"] for r in records] == [200, 401, 400]
    assert all(r["path"] == "/api/status" for r in records)
    assert log.stat().st_mode & 0o077 == 0


def test_channel_routes_need_the_token_and_public_routes_verify_their_own(
    echo: EchoHandler,
) -> None:
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount, Route, WebSocketRoute
    from starlette.websockets import WebSocket

    async def hello(_: Request) -> PlainTextResponse:
        return PlainTextResponse("channel")

    async def ws_route(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("in")
        await websocket.close()

    gw = RunningGateway(
        settings(),
        GatewayServices(handler=echo),
        routes=[Route("/channel", hello), WebSocketRoute("/channel/ws", ws_route)],
        public_routes=[Route("/hooks/in", hello), Mount("/webhook", routes=[Route("/x", hello)])],
    )
    try:
        assert gw.http("GET", "/channel")[0] == 401
        assert gw.http("GET", "/channel", RIGHT)[0] == 200
        assert gw.http("GET", "/hooks/in")[0] == 200
        assert gw.http("GET", "/webhook/x")[0] == 200
        assert gw.http("GET", "/hooks/in/../../channel")[0] == 401
        assert gw.http("GET", "/webhook/../channel")[0] == 404  # a public prefix opens no more
        with pytest.raises(InvalidStatus):
            connect(f"ws://127.0.0.1:{gw.port}/channel/ws", open_timeout=10)
        with connect(
            f"ws://127.0.0.1:{gw.port}/channel/ws", additional_headers=RIGHT, open_timeout=10
        ) as ws:
            assert ws.recv(timeout=10) == "in"
    finally:
        gw.stop()


@pytest.mark.parametrize("host", ["evil@127.0.0.1", "127.0.0.1/x", "127.0.0.1:80:80"])
def test_malformed_host_headers_are_refused(gateway: RunningGateway, host: str) -> None:
    assert gateway.http("GET", "/api/status", {**RIGHT, "Host": host})[0] == 421
