"""Shutdown while a chat message is in flight: the work finishes and is kept."""

from __future__ import annotations

import asyncio
import json
import socket
import threading

from websockets.sync.client import connect

from clawkeep.contracts import InboundMessage, Outcome
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.services import MemoryChatHistory
from tests.gateway.gateway_helpers import TOKEN, RunningGateway, settings


class SlowHandler:
    def __init__(self) -> None:
        self.entered = threading.Event()

    async def handle(self, message: InboundMessage) -> Outcome:
        self.entered.set()
        await asyncio.sleep(0.5)
        return Outcome("admitted", "test.slow", reply="done: " + message.text)


def test_stop_during_a_chat_turn_finishes_and_keeps_it() -> None:
    handler, history = SlowHandler(), MemoryChatHistory()
    gw = RunningGateway(settings(), GatewayServices(handler=handler, history=history))
    with connect(gw.ws_url, open_timeout=10) as ws:
        ws.send(json.dumps({"type": "auth", "token": TOKEN}))
        assert json.loads(ws.recv(timeout=10))["type"] == "hello"
        ws.send(
            json.dumps(
                {"type": "req", "id": 1, "method": "chat.send", "params": {"text": "in flight"}}
            )
        )
        assert handler.entered.wait(10)
        gw.stop()
    assert [(e.role, e.text) for e in history.recent(10)] == [
        ("user", "in flight"),
        ("assistant", "done: in flight"),
    ]


def test_request_flood_on_one_connection_is_capped_not_queued() -> None:
    handler = SlowHandler()
    gw = RunningGateway(settings(), GatewayServices(handler=handler))
    try:
        with connect(gw.ws_url, open_timeout=10) as ws:
            ws.send(json.dumps({"type": "auth", "token": TOKEN}))
            assert json.loads(ws.recv(timeout=10))["type"] == "hello"
            for n in range(40):
                ws.send(
                    json.dumps(
                        {"type": "req", "id": n, "method": "chat.send", "params": {"text": str(n)}}
                    )
                )
            answers = [json.loads(ws.recv(timeout=30)) for _ in range(40)]
        busy = [a for a in answers if not a["ok"]]
        assert busy and {a["error"]["code"] for a in busy} == {"protocol.busy"}
        assert sum(a["ok"] for a in answers) >= 32
    finally:
        gw.stop()


def test_listening_sockets_are_tcp_so_responses_are_not_delayed() -> None:
    from clawkeep.gateway.server import bind_sockets

    for sock in bind_sockets(("127.0.0.1",), 0):
        with sock:
            assert sock.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY only then
