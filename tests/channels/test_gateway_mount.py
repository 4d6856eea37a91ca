"""The channels inside the real gateway app: the webhook is public but signed, the
Telegram poller runs as the gateway's background task and stops with it.

"Stops with it" is checked on the real condition, not by counting the fake Bot API's
requests after a pause: a poll the poller sent just before the stop may reach the fake
later under load, so that count was off by one now and then. Instead the poller's task
must have ended inside the gateway's shutdown, before the gateway's closers run (the
lifespan cancels and awaits it): once it has ended, nothing is left that could poll."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx2

from clawkeep.access import PairingStore
from clawkeep.channels.webhook import sign
from clawkeep.channels.wiring import channel_seams
from clawkeep.config import resolve_paths
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.gateway.app import create_app
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.settings import GatewaySettings, ResolvedAuth
from clawkeep.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore
from tests.channels.tg_fake import TOKEN, fake_bot_api, tg_message
from tests.channels.wh_support import serve


class Echo:
    async def respond(self, request: TurnRequest) -> str | None:
        return f"echo: {request.message.text}"


Job = Callable[[], Coroutine[Any, Any, None]]


def _tracked(job: Job, trace: list[str]) -> Job:
    async def run() -> None:
        trace.append("poller started")
        try:
            await job()
        finally:
            trace.append("poller ended")

    return run


def test_channels_mounted_in_the_gateway(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with fake_bot_api() as api:
        config = RootConfig.model_validate(
            {
                "channels": {
                    "telegram": {
                        "botToken": TOKEN,
                        "apiBaseUrl": api.base_url,
                        "pollTimeoutSeconds": 0,
                        "dmPolicy": "allowlist",
                        "allowFrom": [555],
                    },
                    "webhook": {"secret": "whsec", "dmPolicy": "allowlist", "allowFrom": ["bob"]},
                }
            }
        )
        paths = resolve_paths({"HOME": str(tmp_path)}, config=state / "clawkeep.json")
        events = EventLog()
        pipe = InboundPipeline(
            config,
            paths,
            store=TranscriptStore(state / "t.sqlite"),
            pairing=PairingStore.open(state),
            events=events,
            responder=Echo(),
        )
        seams = channel_seams(config, pipe, events=events, state_dir=state)
        trace: list[str] = []

        async def closer() -> None:
            trace.append("gateway closing")

        assert len(seams.background) == 1  # the Telegram poller
        app = create_app(
            GatewaySettings(auth=ResolvedAuth("token", "gateway-token")),
            GatewayServices(handler=pipe, pairing=pipe.pairing),
            public_routes=seams.public_routes,
            background=[_tracked(job, trace) for job in seams.background],
            closers=[closer],
        )
        api.push(tg_message(1, 555, "over telegram"))
        with serve([], app) as base:
            raw = json.dumps({"id": "w1", "from": "bob", "text": "over webhook"}).encode()
            ts = int(time.time())
            headers = {
                "X-Clawkeep-Timestamp": str(ts),
                "X-Clawkeep-Signature": sign(b"whsec", ts, raw),
            }
            url = f"{base}/channels/webhook/default"
            signed = httpx2.post(url, content=raw, headers=headers, trust_env=False, timeout=60)
            unsigned = httpx2.post(url, content=raw, trust_env=False, timeout=60)
            status = httpx2.get(f"{base}/api/status", trust_env=False, timeout=60)
            deadline = time.monotonic() + 60
            while not api.sent and time.monotonic() < deadline:
                time.sleep(0.02)
            assert trace == ["poller started"]  # it polls while the gateway runs
        # serve() returns once the server thread has ended, shutdown included.
        polled = len(api.offsets)
    assert signed.status_code == 200 and signed.json()["outcome"] == "admitted"
    assert unsigned.status_code == 401  # public path, but the signature is still required
    assert "channels.webhook.bad_headers" in [e.reason for e in events.recent]
    assert status.status_code == 401  # the rest of the gateway still wants its token
    assert [(m["chat_id"], m["text"]) for m in api.sent] == [(555, "echo: over telegram")]
    assert polled >= 1
    # The poller stopped with the gateway: its task ended inside the shutdown, awaited
    # before the closers, so no poll can start after the gateway has stopped.
    assert trace == ["poller started", "poller ended", "gateway closing"]
    keys: dict[str, Any] = pipe.store.sessions()
    assert set(keys) == {"agent:main:main"}
