"""Token auth on HTTP and WebSocket: who gets in, who is refused, who is locked out."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from clawkeep.cli.chat_client import GatewayClient, GatewayClientError
from tests.gateway.gateway_helpers import TOKEN, EchoHandler, RunningGateway, settings

RIGHT = {"Authorization": f"Bearer {TOKEN}"}
WRONG = {"Authorization": "Bearer " + "ab" * 24}


def test_health_is_open_and_says_only_that_it_is_up(gateway: RunningGateway) -> None:
    status, _, body = gateway.http("GET", "/health")
    assert status == 200
    assert body == {"ok": True}


def test_missing_token_is_refused_on_http(gateway: RunningGateway) -> None:
    status, headers, body = gateway.http("GET", "/api/status")
    assert status == 401
    assert body["error"] == "gateway.auth.missing"
    assert headers["www-authenticate"].startswith("Bearer")


def test_unknown_paths_do_not_reveal_routes_without_a_token(gateway: RunningGateway) -> None:
    status, _, _ = gateway.http("GET", "/no/such/route")
    assert status == 401


def test_right_token_opens_http(gateway: RunningGateway) -> None:
    status, _, body = gateway.http("GET", "/api/status", RIGHT)
    assert status == 200
    assert body["server"] == "clawkeep"
    assert TOKEN not in json.dumps(body)


def test_wrong_token_is_refused_then_locked_out_even_with_the_right_one(
    gateway: RunningGateway,
) -> None:
    for _ in range(2):
        status, _, body = gateway.http("GET", "/api/status", WRONG)
        assert (status, body["error"]) == (401, "gateway.auth.failed")
    status, _, body = gateway.http("GET", "/api/status", WRONG)  # the 3rd failure locks
    assert (status, body["error"]) == (429, "gateway.auth.locked_out")
    # Through a proxy (any forwarding header), the right token is not even compared.
    proxied = {**RIGHT, "X-Forwarded-For": "127.0.0.1"}
    status, _, body = gateway.http("GET", "/api/status", proxied)
    assert (status, body["error"]) == (429, "gateway.auth.locked_out")
    # The owner's own process on this machine (this test runs as the gateway's user) gets in;
    # strangers of another uid stay out: tests/gateway/test_auth_limiter_hostile.py.
    status, _, _ = gateway.http("GET", "/api/status", RIGHT)
    assert status == 200
    GatewayClient(gateway.ws_url, TOKEN).close()


def test_forged_forwarded_for_does_not_escape_the_lockout(gateway: RunningGateway) -> None:
    # The peer is not a trusted proxy: its X-Forwarded-For is its own claim.
    for n in range(3):
        gateway.http("GET", "/api/status", {**WRONG, "X-Forwarded-For": f"198.51.100.{n}"})
    status, _, _ = gateway.http("GET", "/api/status", {**RIGHT, "X-Forwarded-For": "203.0.113.9"})
    assert status == 429


def test_token_in_query_string_is_refused_even_when_right(gateway: RunningGateway) -> None:
    for name in ("token", "access_token", "password", "Auth"):
        status, _, body = gateway.http("GET", f"/api/status?{name}={TOKEN}")
        assert (status, body["error"]) == (400, "gateway.auth.token_in_query")
    with pytest.raises(InvalidStatus):
        connect(f"{gateway.ws_url}?token={TOKEN}", open_timeout=10)


def test_ws_without_credential_gets_no_answer_to_requests(
    gateway: RunningGateway, echo: EchoHandler
) -> None:
    with connect(gateway.ws_url, open_timeout=10) as ws:
        ws.send(
            json.dumps({"type": "req", "id": 1, "method": "chat.send", "params": {"text": "x"}})
        )
        frame = json.loads(ws.recv(timeout=10))
        assert frame["ok"] is False
        assert frame["error"]["code"] == "gateway.auth.missing"
    assert echo.seen == []  # the request before auth never reached the pipeline


def test_ws_wrong_token_is_refused(gateway: RunningGateway, echo: EchoHandler) -> None:
    with pytest.raises(GatewayClientError) as refused:
        GatewayClient(gateway.ws_url, "cd" * 24)
    assert refused.value.code == "gateway.auth.failed"


def test_ws_right_token_in_first_frame_or_header_works(gateway: RunningGateway) -> None:
    with GatewayClient(gateway.ws_url, TOKEN) as client:
        assert client.call("status")["auth"] == "token"
    with connect(gateway.ws_url, additional_headers=RIGHT, open_timeout=10) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "hello"


def test_password_mode_accepts_the_password_only(echo: EchoHandler) -> None:
    from clawkeep.gateway.core import GatewayServices
    from clawkeep.gateway.settings import ResolvedAuth

    gw = RunningGateway(
        settings(auth=ResolvedAuth("password", "correct horse battery staple")),
        GatewayServices(handler=echo),
    )
    try:
        ok = {"Authorization": "Bearer correct horse battery staple"}
        assert gw.http("GET", "/api/status", ok)[0] == 200
        assert gw.http("GET", "/api/status", RIGHT)[0] == 401
    finally:
        gw.stop()
