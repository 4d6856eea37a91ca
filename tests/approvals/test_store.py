"""The approval store: held calls on real SQLite, decided once, atomically, and expiring."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from clawkeep.approvals import ApprovalStore, describe
from clawkeep.events.log import EventLog


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _store(tmp_path: Path, clock: Clock | None = None) -> tuple[ApprovalStore, EventLog]:
    events = EventLog(tmp_path / "events.jsonl")
    return ApprovalStore.open(tmp_path, clock=clock or Clock(), events=events), events


def _hold(store: ApprovalStore, ttl: float = 60.0) -> str:
    return store.hold(
        kind="untrusted",
        agent="main",
        session_key="agent:main:main",
        tool="send_email",
        args={"to": "eve@evil.example", "body": "x"},
        reason="untrusted.ungrounded",
        ungrounded=("to",),
        detail="to='eve@evil.example' is not in the owner's words (source: mcp:mail)",
        ttl_seconds=ttl,
    ).code


def test_held_call_is_listed_with_exactly_what_would_run(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    code = _hold(store)
    [p] = store.pending()
    assert (p.code, p.tool, dict(p.args)) == (
        code,
        "send_email",
        {"to": "eve@evil.example", "body": "x"},
    )
    text = describe(p, 1_000.0)
    assert code in text and "eve@evil.example" in text and "mcp:mail" in text
    assert f"/approve {code}" in text
    mode = stat.S_IMODE((tmp_path / "approvals.sqlite").stat().st_mode)
    assert mode == 0o600


def test_approve_once_then_already_decided(tmp_path: Path) -> None:
    store, events = _store(tmp_path)
    code = _hold(store)
    first = store.approve(code.lower(), by="owner")  # typed in lower case: the same code
    assert first.approved and first.call is not None and first.call.code == code
    assert store.approve(code, by="owner").reason == "approvals.already_decided"
    assert store.deny(code, by="owner").reason == "approvals.already_decided"
    assert store.pending() == []
    reasons = [e.reason for e in events.recent]
    assert reasons == [
        "approvals.held",
        "approvals.approved",
        "approvals.already_decided",
        "approvals.already_decided",
    ]


def test_deny_and_unknown_code(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    code = _hold(store)
    assert store.deny(code, by="owner").reason == "approvals.denied"
    assert store.approve(code, by="owner").reason == "approvals.already_decided"
    assert store.approve("ZZZZZZ", by="owner").reason == "approvals.unknown_code"
    assert store.approve("", by="owner").reason == "approvals.unknown_code"


def test_expired_call_cannot_be_approved(tmp_path: Path) -> None:
    clock = Clock()
    store, events = _store(tmp_path, clock)
    code = _hold(store, ttl=60)
    clock.now += 61
    decision = store.approve(code, by="owner")
    assert decision.reason == "approvals.expired" and not decision.approved
    assert store.pending() == []
    assert store.get(code) is not None and store.get(code).status == "expired"  # type: ignore[union-attr]
    assert "approvals.expired" in [e.reason for e in events.recent]


def test_concurrent_approvals_run_the_call_once(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    other = ApprovalStore.open(tmp_path, clock=Clock())  # a second connection, as a second process
    code = _hold(store)
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def go(s: ApprovalStore) -> None:
        barrier.wait()
        results.append(s.approve(code, by="owner").approved)

    threads = [threading.Thread(target=go, args=(store if i % 2 else other,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
