"""One way to drive Telegram, WhatsApp and Signal from a test, so access tests run on all.

Each driver runs the channel's real client code against its loopback fake (Bot API,
Cloud API webhook + Graph API, signal-cli daemon) into a real InboundPipeline whose
responder echoes and records each turn request. ``dm``/``group`` deliver one message
and return once the pipeline has handled it; ``replies`` are what went back out.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from clawkeep.access import PairingStore
from clawkeep.channels.inbox import Inbox
from clawkeep.channels.signal import SignalClient, SignalReceiver, daemon_address
from clawkeep.channels.telegram import TelegramClient, TelegramPoller
from clawkeep.channels.whatsapp import WhatsAppChannel, sign
from clawkeep.config import resolve_paths
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import TurnRequest
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.guards.channel_guard import ChannelGuard
from clawkeep.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore
from tests.channels.phone_fakes import (
    ACCESS_TOKEN,
    BUSINESS_LID,
    BUSINESS_NUMBER,
    PHONE_ID,
    SIGNAL_NUMBER,
    fake_graph_api,
    fake_signal_daemon,
    signal_envelope,
    wa_event,
)
from tests.channels.tg_fake import fake_bot_api, tg_message
from tests.channels.wh_support import serve

__all__ = ["CHANNELS", "Driver", "Recorder", "driver"]

CHANNELS = ("telegram", "whatsapp", "signal")
APP_SECRET = "wa-app-secret-for-tests"
VERIFY_TOKEN = "wa-verify-token-for-tests"


class Recorder:
    """The agent turn of the tests: echoes, and remembers each request."""

    def __init__(self) -> None:
        self.requests: list[TurnRequest] = []

    async def respond(self, request: TurnRequest) -> str | None:
        self.requests.append(request)
        return f"echo: {request.message.text}"


@dataclass
class Driver:
    name: str
    pipe: InboundPipeline
    recorder: Recorder
    _dm: Any = None
    _group: Any = None
    _replies: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sender(self, n: int) -> str:
        """The sender id the pipeline sees for person ``n``."""
        return str(1000 + n) if self.name == "telegram" else f"+4670000{n:04d}"

    def dm(self, n: int, text: str) -> None:
        self._dm(n, text)

    def group(self, n: int, text: str, *, mentioned: bool) -> None:
        self._group(n, text, mentioned)

    def group_id(self) -> str:
        return {"telegram": "-100", "whatsapp": "G-120363", "signal": "Z3JvdXAtMQ=="}[self.name]

    def replies(self, wait_for: int = 0) -> list[tuple[str, str]]:
        return list(self._replies(wait_for))

    def reasons(self) -> list[str]:
        return [e.reason for e in self.pipe.events.recent]


def _pipeline(
    tmp_path: Path, channel: str, cfg: dict[str, Any], rec: Recorder, root: dict[str, Any]
) -> InboundPipeline:
    config = RootConfig.model_validate({**root, "channels": {channel: cfg}})
    paths = resolve_paths({"HOME": str(tmp_path)}, config=tmp_path / "state" / "clawkeep.json")
    return InboundPipeline(
        config,
        paths,
        store=TranscriptStore(tmp_path / "state" / "t.sqlite"),
        pairing=PairingStore.open(tmp_path / "state"),
        events=EventLog(tmp_path / "state" / "logs" / "events.jsonl"),
        responder=rec,
        channel_guard=ChannelGuard(config.guards.channel),  # as build_pipeline gives it
    )


def _wait(predicate: Any, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting for the channel")
        time.sleep(0.01)


def _done_rows(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM inbox WHERE done = 1").fetchone()[0])


@contextmanager
def _telegram(tmp_path: Path, cfg: dict[str, Any], root: dict[str, Any]) -> Iterator[Driver]:
    rec = Recorder()
    pipe = _pipeline(tmp_path, "telegram", cfg, rec, root)
    with fake_bot_api() as api:
        counter = iter(range(1, 10_000))

        def run(update: dict[str, Any]) -> None:
            api.push(update)
            client = TelegramClient(api.token, api.base_url, poll_timeout=0)
            poller = TelegramPoller("default", client, pipe, events=pipe.events)
            poller.offset = update["update_id"]

            async def once() -> None:
                try:
                    await poller.poll_once()
                finally:
                    await client.aclose()

            asyncio.run(once())

        def dm(n: int, text: str) -> None:
            run(tg_message(next(counter), 1000 + n, text))

        def group(n: int, text: str, mentioned: bool) -> None:
            chat = {"id": -100, "type": "supergroup", "title": "g"}
            body = f"@keep_bot {text}" if mentioned else text
            ents = [{"type": "mention", "offset": 0, "length": 9}] if mentioned else None
            run(tg_message(next(counter), 1000 + n, body, chat=chat, entities=ents))

        def replies(k: int) -> list[tuple[str, str]]:
            return [(str(m["chat_id"]), m["text"]) for m in api.sent]

        yield Driver("telegram", pipe, rec, dm, group, replies)


@contextmanager
def _whatsapp(tmp_path: Path, cfg: dict[str, Any], root: dict[str, Any]) -> Iterator[Driver]:
    with ExitStack() as stack:
        api = stack.enter_context(fake_graph_api())
        full = {
            "appSecret": APP_SECRET,
            "verifyToken": VERIFY_TOKEN,
            "accessToken": ACCESS_TOKEN,
            "phoneNumberId": PHONE_ID,
            "businessNumber": BUSINESS_NUMBER,
            "businessLid": BUSINESS_LID,
            "apiBaseUrl": api.base_url,
            **cfg,
        }
        rec = Recorder()
        pipe = _pipeline(tmp_path, "whatsapp", full, rec, root)
        state = tmp_path / "state"
        channel = WhatsAppChannel(pipe.config, pipe, events=pipe.events, state_dir=state)
        base = stack.enter_context(serve(channel.routes()))
        http = stack.enter_context(httpx2.Client(base_url=base, timeout=30))
        counter = iter(range(1, 10_000))
        posted = [0]

        def post(event: dict[str, Any]) -> httpx2.Response:
            body = json.dumps(event).encode()
            headers = {
                "Content-Type": "application/json",
                "X-Hub-Signature-256": sign(APP_SECRET.encode(), body),
            }
            resp = http.post("/channels/whatsapp/default", content=body, headers=headers)
            assert resp.status_code == 200, resp.text
            posted[0] += resp.json()["accepted"]
            _wait(lambda: _done_rows(state / "whatsapp-inbox.sqlite") >= posted[0])
            return resp

        def dm(n: int, text: str) -> None:
            post(wa_event(f"+4670000{n:04d}", text, f"wamid.in{next(counter)}"))

        def group(n: int, text: str, mentioned: bool) -> None:
            mentions = [f"{BUSINESS_LID}@lid"] if mentioned else ["46709999999"]
            post(
                wa_event(
                    f"+4670000{n:04d}",
                    text,
                    f"wamid.in{next(counter)}",
                    group="G-120363",
                    mentions=mentions,
                )
            )

        def replies(k: int) -> list[tuple[str, str]]:
            sent = api.wait(k, timeout=5.0 if k else 0.0)
            return [
                (m["to"] if m["recipient_type"] == "group" else "+" + m["to"], m["text"]["body"])
                for m in sent
            ]

        drv = Driver("whatsapp", pipe, rec, dm, group, replies)
        drv.extra.update(api=api, http=http, channel=channel, post=post, state=state)
        yield drv


@contextmanager
def _signal(tmp_path: Path, cfg: dict[str, Any], root: dict[str, Any]) -> Iterator[Driver]:
    with ExitStack() as stack:
        daemon = stack.enter_context(fake_signal_daemon())
        full = {"account": SIGNAL_NUMBER, "httpUrl": daemon.base_url, **cfg}
        rec = Recorder()
        pipe = _pipeline(tmp_path, "signal", full, rec, root)
        ch = pipe.config.channels["signal"].for_account("default")
        assert ch is not None
        address = daemon_address(ch)
        assert not isinstance(address, Deny)
        state = tmp_path / "state"
        receiver = SignalReceiver(
            "default",
            SIGNAL_NUMBER,
            SignalClient(address),
            pipe,
            events=pipe.events,
            inbox=Inbox(state / "signal-inbox.sqlite"),
            retry_delay=0.05,
        )
        loop = asyncio.new_event_loop()
        task_box: list[asyncio.Task[None]] = []

        def run_loop() -> None:
            asyncio.set_event_loop(loop)
            task_box.append(loop.create_task(receiver.run()))
            with suppress(asyncio.CancelledError):
                loop.run_until_complete(task_box[0])

        thread = threading.Thread(target=run_loop, daemon=True)
        thread.start()
        assert daemon.wait_connected()
        ts = iter(range(1_733_390_000_000, 1_733_399_000_000, 1000))
        pushed = [0]

        def push(event: dict[str, Any]) -> None:
            daemon.push(event)
            pushed[0] += 1
            _wait(lambda: _done_rows(state / "signal-inbox.sqlite") >= pushed[0])

        def dm(n: int, text: str) -> None:
            push(signal_envelope(f"+4670000{n:04d}", text, next(ts)))

        def group(n: int, text: str, mentioned: bool) -> None:
            mentions = (
                [
                    {
                        "name": SIGNAL_NUMBER,
                        "number": SIGNAL_NUMBER,
                        "uuid": "u-self",
                        "start": 0,
                        "length": 1,
                    }
                ]
                if mentioned
                else [
                    {
                        "name": "+46709999999",
                        "number": "+46709999999",
                        "uuid": "u-x",
                        "start": 0,
                        "length": 1,
                    }
                ]
            )
            push(
                signal_envelope(
                    f"+4670000{n:04d}", text, next(ts), group="Z3JvdXAtMQ==", mentions=mentions
                )
            )

        def replies(k: int) -> list[tuple[str, str]]:
            sends = daemon.wait_sends(k, timeout=5.0 if k else 0.0)
            return [(s.get("groupId") or s["recipient"][0], s["message"]) for s in sends]

        drv = Driver("signal", pipe, rec, dm, group, replies)
        drv.extra.update(daemon=daemon, receiver=receiver, push=push, state=state)
        try:
            yield drv
        finally:
            loop.call_soon_threadsafe(task_box[0].cancel)
            thread.join(10)
            loop.close()


@contextmanager
def driver(
    name: str, tmp_path: Path, cfg: dict[str, Any], root: dict[str, Any] | None = None
) -> Iterator[Driver]:
    """The driver of channel ``name`` with channel config ``cfg`` (and other root keys)."""
    factory = {"telegram": _telegram, "whatsapp": _whatsapp, "signal": _signal}[name]
    with factory(tmp_path, cfg, root or {}) as drv:
        yield drv
