"""Shutdown while a chat message is in flight: the work finishes and is kept."""

from __future__ import annotations

import asyncio
import json
import threading

from gateway_helpers import TOKEN, RunningGateway, settings
from websockets.sync.client import connect

from clawkeep.channels.message import InboundMessage
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.services import MemoryChatHistory
from clawkeep.pipeline.types import Outcome


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
