"""The signed webhook: forged, stale and replayed requests are dropped and store nothing."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from clawkeep.access import PairingStore
from clawkeep.channels.webhook import ReplayCache, sign, verify_signed, webhook_routes
from clawkeep.config import resolve_paths
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore
from tests.channels.wh_support import Receiver, receiver, serve

SECRET = "s3cret-webhook-key"


class Echo:
    async def respond(self, request: TurnRequest) -> str | None:
        return f"echo: {request.message.text}"


class Env:
    def __init__(
        self, tmp_path: Path, callback: str | None, net: dict[str, Any] | None = None
    ) -> None:
        channel = {"dmPolicy": "allowlist", "allowFrom": ["alice"], "secret": SECRET}
        if callback:
            channel["callbackUrl"] = callback
        raw: dict[str, Any] = {"channels": {"webhook": channel}}
        if net is not None:
            raw["guards"] = {"network": net}
        self.config = RootConfig.model_validate(raw)
        paths = resolve_paths({"HOME": str(tmp_path)}, config=tmp_path / "state" / "c.json")
        self.events = EventLog(tmp_path / "state" / "logs" / "events.jsonl")
        self.pairing = PairingStore.open(tmp_path / "state")
        self.pipe = InboundPipeline(
            self.config,
            paths,
            store=TranscriptStore(tmp_path / "state" / "t.sqlite"),
            pairing=self.pairing,
            events=self.events,
            responder=Echo(),
        )

    def reasons(self) -> list[str]:
        return [e.reason for e in self.events.recent]


LOOPBACK = {"allowCidrs": ["127.0.0.0/8"]}


@pytest.fixture
def box() -> Iterator[Receiver]:
    with receiver() as r:
        yield r


def post(
    base: str, body: bytes, ts: int | None = None, sig: str | None = None, account: str = "default"
) -> httpx2.Response:
    ts = int(time.time()) if ts is None else ts
    headers = {
        "X-Clawkeep-Timestamp": str(ts),
        "X-Clawkeep-Signature": sig or sign(SECRET.encode(), ts, body),
        "Content-Type": "application/json",
    }
    return httpx2.post(
        f"{base}/channels/webhook/{account}",
        content=body,
        headers=headers,
        trust_env=False,
        timeout=60,  # a busy machine, not a slow server
    )


def body(sender: str = "alice", text: str = "hello", **extra: Any) -> bytes:
    return json.dumps({"id": "m1", "from": sender, "text": text, **extra}).encode()


def test_signed_message_is_admitted_and_reply_goes_to_the_callback(
    tmp_path: Path, box: Receiver
) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    with serve(webhook_routes(env.config, env.pipe, events=env.events)) as base:
        resp = post(base, body())
        box.wait(1)
    assert resp.status_code == 200 and resp.json()["outcome"] == "admitted"
    headers, raw = box.posts[0]
    assert json.loads(raw) == {
        "account": "default",
        "to": "alice",
        "text": "echo: hello",
        "replyTo": "m1",
    }
    expected = (
        "sha256="
        + hmac.new(
            SECRET.encode(), headers["x-clawkeep-timestamp"].encode() + b"." + raw, hashlib.sha256
        ).hexdigest()
    )
    assert headers["x-clawkeep-signature"] == expected
    assert "channels.webhook.reply_sent" in env.reasons()


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda b, ts: (b, ts, "sha256=" + "0" * 64), "channels.webhook.bad_signature"),
        (lambda b, ts: (b, ts, sign(b"other-secret", ts, b)), "channels.webhook.bad_signature"),
        (lambda b, ts: (b, ts - 301, None), "channels.webhook.stale"),
        (lambda b, ts: (b, ts + 301, None), "channels.webhook.stale"),
        (lambda b, ts: (b, ts, "md5=abc"), "channels.webhook.bad_headers"),
    ],
)
def test_forged_or_stale_request_is_dropped_and_nothing_stored(
    tmp_path: Path, box: Receiver, mutate: Any, reason: str
) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    now = 1_800_000_000  # the server's clock is fixed: the window edge is exact
    raw, ts, sig = mutate(body(), now)
    routes = webhook_routes(env.config, env.pipe, events=env.events, clock=lambda: float(now))
    with serve(routes) as base:
        resp = post(base, raw, ts, sig)
    assert resp.status_code == 401 and resp.json() == {"ok": False, "error": "unauthorized"}
    assert env.reasons() == [reason]  # never reached access control
    assert env.pipe.store.count() == 0 and box.posts == []


def test_body_changed_after_signing_is_dropped(tmp_path: Path, box: Receiver) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    ts = int(time.time())
    sig = sign(SECRET.encode(), ts, body(text="hello"))
    with serve(webhook_routes(env.config, env.pipe, events=env.events)) as base:
        resp = post(base, body(text="rm -rf ~"), ts, sig)
    assert resp.status_code == 401 and env.pipe.store.count() == 0


def test_replayed_request_is_dropped(tmp_path: Path, box: Receiver) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    ts, raw = int(time.time()), body()
    with serve(webhook_routes(env.config, env.pipe, events=env.events)) as base:
        first = post(base, raw, ts)
        second = post(base, raw, ts)
        box.wait(1)
    assert first.status_code == 200 and second.status_code == 401
    assert "channels.webhook.replay" in env.reasons()
    assert env.pipe.store.count() == 2  # the first message and its reply, nothing more
    assert len(box.posts) == 1


def test_unknown_stranger_via_webhook_is_not_admitted(tmp_path: Path, box: Receiver) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    with serve(webhook_routes(env.config, env.pipe, events=env.events)) as base:
        resp = post(base, body(sender="mallory"))
    assert resp.json()["reason"] == "access.dm.not_allowed" and env.pipe.store.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b'{"id": "1", "from": "alice", "text": "hi", "isOwner": true}',
        b'{"id": "1", "from": "alice", "text": "hi", "chatType": "group"}',
        b'{"id": 1, "from": "alice", "text": "hi"}',
    ],
)
def test_signed_but_malformed_body_is_dropped(
    tmp_path: Path, box: Receiver, payload: bytes
) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    with serve(webhook_routes(env.config, env.pipe, events=env.events)) as base:
        resp = post(base, payload)
    assert resp.status_code == 400 and env.reasons() == ["channels.webhook.malformed"]
    assert env.pipe.store.count() == 0


def test_oversized_body_is_refused_before_verification(tmp_path: Path, box: Receiver) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    with serve(webhook_routes(env.config, env.pipe, events=env.events)) as base:
        resp = post(base, body(text="x" * 70_000))
    assert resp.status_code == 413 and env.pipe.store.count() == 0


def test_account_without_secret_accepts_nothing(tmp_path: Path) -> None:
    config = RootConfig.model_validate(
        {"channels": {"webhook": {"dmPolicy": "open", "allowFrom": ["*"]}}}
    )
    env = Env(tmp_path, None)
    with serve(webhook_routes(config, env.pipe, events=env.events)) as base:
        resp = post(base, body())
        missing = post(base, body(), account="nope")
    assert resp.status_code == 401 and missing.status_code == 404  # no route for it at all
    assert env.reasons() == ["channels.webhook.no_secret"]


def test_callback_to_loopback_is_refused_without_an_explicit_allowance(
    tmp_path: Path, box: Receiver
) -> None:
    env = Env(tmp_path, box.url)  # default network policy: no private or loopback targets
    with serve(webhook_routes(env.config, env.pipe, events=env.events)) as base:
        resp = post(base, body())
        deadline = time.monotonic() + 60  # a generous bound on a busy machine
        while (
            not any(r.startswith("network_guard") for r in env.reasons())
            and time.monotonic() < deadline
        ):
            time.sleep(0.01)
    assert resp.status_code == 200
    assert box.posts == []  # no connection reached the loopback listener
    assert any(r.startswith("network_guard") for r in env.reasons()), env.reasons()


def test_replay_cache_refuses_when_full() -> None:
    cache = ReplayCache(max_entries=2)
    assert cache.add("a", 0) and cache.add("b", 0)
    assert not cache.add("c", 0)  # full of live entries: refuse rather than forget
    assert cache.add("c", 10_000)  # old entries expired and were pruned


def test_verify_order_rejects_missing_secret_first() -> None:
    d = verify_signed(b"x", {}, None, 0.0, ReplayCache())
    assert d.reason == "channels.webhook.no_secret"


def test_window_edges_are_exact() -> None:
    key, raw, now = SECRET.encode(), b"{}", 1_800_000_000.0
    for ts, ok in ((1_800_000_300, True), (1_799_999_700, True), (1_800_000_301, False)):
        headers = {"x-clawkeep-timestamp": str(ts), "x-clawkeep-signature": sign(key, ts, raw)}
        assert verify_signed(raw, headers, key, now, ReplayCache()).allowed is ok


def test_replay_after_a_gateway_restart_is_still_refused(tmp_path: Path, box: Receiver) -> None:
    env = Env(tmp_path, box.url, LOOPBACK)
    ts, raw = int(time.time()), body()
    state = tmp_path / "state"
    with serve(webhook_routes(env.config, env.pipe, events=env.events, state_dir=state)) as base:
        assert post(base, raw, ts).status_code == 200
        box.wait(1)
    # A new process: fresh routes, same state dir.
    with serve(webhook_routes(env.config, env.pipe, events=env.events, state_dir=state)) as base:
        again = post(base, raw, ts)
    assert again.status_code == 401 and env.reasons()[-1] == "channels.webhook.replay"
    assert env.pipe.store.count() == 2
    assert oct((state / "webhook-replay.sqlite").stat().st_mode & 0o777) == "0o600"
