"""The WebSocket protocol: bad frames get error frames, good ones reach the right seam."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import pytest
from websockets.exceptions import ConnectionClosed

from clawkeep.cli.chat_client import GatewayClient, GatewayClientError
from tests.gateway.gateway_helpers import TOKEN, EchoHandler, MemoryPairing, Pending, RunningGateway


@pytest.fixture
def client(gateway: RunningGateway) -> Iterator[GatewayClient]:
    opened = GatewayClient(gateway.ws_url, TOKEN)
    yield opened
    with contextlib.suppress(ConnectionClosed):
        opened.close()


def _error(client: GatewayClient, frame: str | bytes) -> dict[str, str]:
    client.send_raw(frame)
    answer = client.receive()
    assert answer["ok"] is False
    return dict(answer["error"])


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "protocol.bad_frame"),
        ("[1, 2, 3]", "protocol.bad_frame"),
        ('"just a string"', "protocol.bad_frame"),
        ('{"type": "req", "id": 1}', "protocol.bad_frame"),
        ('{"type": "req", "id": 1, "method": "status", "extra": 1}', "protocol.bad_frame"),
        ('{"type": "req", "id": {"x": 1}, "method": "status"}', "protocol.bad_frame"),
        ('{"type": "req", "id": 1, "method": "status", "params": []}', "protocol.bad_frame"),
        ("[" * 50_000 + "]" * 50_000, "protocol.too_large"),
        ("[" * 20_000 + "]" * 20_000, "protocol.bad_frame"),
        ('{"type": "req", "id": 1, "method": "x" }', "protocol.unknown_method"),
        ('{"type": "req", "id": 1, "method": "chat.send", "params": {}}', "protocol.bad_params"),
        (
            '{"type": "req", "id": 1, "method": "chat.history", "params": {"limit": 10000}}',
            "protocol.bad_params",
        ),
        (b"\x00\x01binary", "protocol.binary"),
    ],
)
def test_malformed_frame_gets_an_error_frame_and_the_connection_lives(
    client: GatewayClient, echo: EchoHandler, frame: str | bytes, code: str
) -> None:
    assert _error(client, frame)["code"] == code
    assert client.call("status")["server"] == "clawkeep"
    assert echo.seen == []


def test_oversized_frame_gets_an_error_frame(client: GatewayClient, echo: EchoHandler) -> None:
    text = json.dumps(
        {"type": "req", "id": 1, "method": "chat.send", "params": {"text": "A" * 70_000}}
    )
    assert _error(client, text)["code"] == "protocol.too_large"
    assert echo.seen == []
    assert client.call("status")["server"] == "clawkeep"


def test_frame_beyond_the_hard_limit_closes_only_that_connection(
    gateway: RunningGateway, client: GatewayClient
) -> None:
    with pytest.raises((ConnectionClosed, GatewayClientError)):
        client.send_raw("x" * (2 * 1024 * 1024))
        client.receive()
    with GatewayClient(gateway.ws_url, TOKEN) as other:
        assert other.call("status")["server"] == "clawkeep"


def test_a_big_frame_before_auth_closes_the_connection_without_being_buffered_whole(
    gateway: RunningGateway, echo: EchoHandler
) -> None:
    from websockets.sync.client import connect

    with connect(gateway.ws_url, max_size=None) as raw:
        # Between the protocol's 64 KiB and the old 1 MiB transport limit: a stranger's
        # frame of this size used to be held whole until the auth check threw it away.
        raw.send("x" * (200 * 1024))
        with pytest.raises(ConnectionClosed) as closed:
            raw.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    assert echo.seen == []
    with GatewayClient(gateway.ws_url, TOKEN) as other:
        assert other.call("status")["server"] == "clawkeep"


def test_chat_send_goes_through_the_inbound_handler_as_the_owner(
    client: GatewayClient, echo: EchoHandler
) -> None:
    result = client.call("chat.send", {"text": "hello"})
    assert result["reply"] == "echo: hello"
    assert result["reason"] == "test.echo"
    (message,) = echo.seen
    assert (message.channel, message.account, message.sender) == ("webchat", "default", "operator")
    assert message.chat_type == "direct"
    assert message.is_owner is True
    history = client.call("chat.history", {"limit": 10})["entries"]
    assert [(e["role"], e["text"]) for e in history] == [
        ("user", "hello"),
        ("assistant", "echo: hello"),
    ]


def test_event_subscription_streams_chat_lines(
    gateway: RunningGateway, client: GatewayClient
) -> None:
    assert client.call("events.subscribe", {"kinds": ["chat"]})["subscribed"] == ["chat"]
    with GatewayClient(gateway.ws_url, TOKEN) as other:
        other.call("chat.send", {"text": "ping"})
    seen: list[dict[str, object]] = []
    while len(seen) < 2:
        frame = client.receive()
        if frame.get("type") == "event":
            seen.append(frame)
    assert [f["event"] for f in seen] == ["chat.message", "chat.message"]
    assert client.call("events.unsubscribe")["subscribed"] == []


def test_pairing_list_and_approve_use_the_pairing_store(
    client: GatewayClient, pairing: MemoryPairing
) -> None:
    pairing.codes["K7PQ2M"] = Pending("telegram", "default", "42", "Ann", 1.0, 2.0)
    listed = client.call("pairing.list", {"channel": "telegram"})["requests"]
    assert [r["sender"] for r in listed] == ["42"]
    assert "code" not in listed[0]
    wrong = client.call("pairing.approve", {"channel": "telegram", "code": "AAAAAA"})
    assert wrong == {"approved": False, "reason": "access.pairing.bad_code"}
    right = client.call("pairing.approve", {"channel": "telegram", "code": "K7PQ2M"})
    assert right["approved"] is True
    assert pairing.approved == ["42"]
    revoked = client.call("pairing.revoke", {"channel": "telegram", "sender": "42"})
    assert revoked == {"revoked": 1} and pairing.approved == []


def test_audit_without_a_runner_is_an_error_frame(client: GatewayClient) -> None:
    frame = client.request("audit.run")
    assert frame["error"]["code"] == "audit.unavailable"
