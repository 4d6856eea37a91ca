"""WebSocket RPC frames on a real gateway: every frame gets a JSON answer, the
connection and the gateway stay up."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from websockets.sync.client import ClientConnection, connect

from clawkeep.gateway.core import GatewayServices
from tests.fuzz.strategies import json_values, nesting_bomb
from tests.gateway.gateway_helpers import (
    TOKEN,
    EchoHandler,
    MemoryPairing,
    RunningGateway,
    settings,
)

METHODS = st.sampled_from(
    ["status", "chat.send", "chat.history", "pairing.list", "pairing.approve",
     "pairing.revoke", "events.subscribe", "events.unsubscribe", "nope", ""]
)  # fmt: skip
PARAM_KEYS = st.sampled_from(["text", "limit", "channel", "code", "sender", "kinds", "before"])
# The gateway runs in another thread of this process and uses the global `random` (mask
# keys, ids) while hypothesis draws: that is not the strategy using it.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Do not use the `random` module inside strategies"
    ":hypothesis.errors.HypothesisDeprecationWarning"
)


@pytest.fixture(scope="module")
def ws() -> Iterator[ClientConnection]:
    running = RunningGateway(
        settings(), GatewayServices(handler=EchoHandler(), pairing=MemoryPairing())
    )
    try:
        with connect(
            f"ws://127.0.0.1:{running.port}/ws", open_timeout=20, compression=None
        ) as conn:
            conn.send(json.dumps({"type": "auth", "token": TOKEN}))
            hello = json.loads(conn.recv(timeout=20))
            assert hello["type"] == "hello"
            yield conn
    finally:
        running.stop()


def _answer_to(conn: ClientConnection, frame: str) -> dict[str, Any]:
    conn.send(frame)
    while True:
        answer = json.loads(conn.recv(timeout=30))  # a bound: a hang fails, not stalls
        if answer.get("type") != "event":
            assert isinstance(answer, dict)
            return answer


@given(id_=st.one_of(st.integers(), st.text(max_size=20), st.none()), method=METHODS,
       params=json_values(PARAM_KEYS))  # fmt: skip
def test_request_frames(ws: ClientConnection, id_: Any, method: str, params: Any) -> None:
    frame = json.dumps({"type": "req", "id": id_, "method": method, "params": params})
    answer = _answer_to(ws, frame)
    assert "error" in answer or "result" in answer


@given(json_values(st.sampled_from(["type", "id", "method", "params", "req"])))
def test_any_json_frame(ws: ClientConnection, tree: Any) -> None:
    answer = _answer_to(ws, json.dumps(tree))
    assert "error" in answer or "result" in answer


@given(st.text(max_size=200))
def test_any_text_frame(ws: ClientConnection, text: str) -> None:
    answer = _answer_to(ws, text)
    assert "error" in answer or "result" in answer


def test_nesting_bomb_frames(ws: ClientConnection) -> None:
    for depth in (1000, 30_000):
        answer = _answer_to(ws, '{"type": "req", "id": 1, "params": ' + nesting_bomb(depth) + "}")
        assert answer["error"]["code"] == "protocol.bad_frame" or "error" in answer
    assert "result" in _answer_to(ws, json.dumps({"type": "req", "id": 2, "method": "status"}))
