"""The pairing store: codes without look-alikes, hashed at rest, capped, expiring, rate limited."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from clawkeep.access import Approval, PairingStore
from clawkeep.access._codes import ALPHABET, CODE_LENGTH, new_code, normalise_code
from clawkeep.decision import Deny


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> PairingStore:
    return PairingStore.open(tmp_path / "state", clock=clock)


def issue(store: PairingStore, sender: str, account: str = "default") -> str:
    req = store.request("telegram", account, sender)
    assert req.status == "issued" and req.code is not None
    return req.code


def test_codes_avoid_look_alike_characters() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
        assert not set(code) & set("0O1I")
    assert normalise_code(" abcd-efgh ") == "ABCDEFGH"
    assert normalise_code("ABCDEFG0") is None


def test_code_is_never_stored_in_plain_text(tmp_path: Path, store: PairingStore) -> None:
    code = issue(store, "111")
    store.close()
    state = tmp_path / "state" / "credentials"
    for f in state.iterdir():
        assert code.encode() not in f.read_bytes(), f.name
        assert code.lower().encode() not in f.read_bytes(), f.name


def test_store_files_are_private(tmp_path: Path, store: PairingStore) -> None:
    issue(store, "111")
    creds = tmp_path / "state" / "credentials"
    assert stat.S_IMODE(creds.stat().st_mode) == 0o700
    for name in ("pairing.sqlite", "pairing.key"):
        assert stat.S_IMODE((creds / name).stat().st_mode) == 0o600


def test_fourth_unknown_sender_gets_no_code(store: PairingStore) -> None:
    for sender in ("1", "2", "3"):
        issue(store, sender)
    assert store.request("telegram", "default", "4").status == "cap_reached"
    # The cap is per channel and account: another account still has room.
    assert store.request("telegram", "second", "4").status == "issued"
    assert store.request("webhook", "default", "4").status == "issued"


def test_repeat_message_reuses_the_pending_code(store: PairingStore) -> None:
    code = issue(store, "1")
    again = store.request("telegram", "default", "1")
    assert again.status == "pending" and again.code is None
    assert isinstance(store.approve("telegram", code), Approval)


def test_expired_code_is_refused_and_frees_its_slot(store: PairingStore, clock: Clock) -> None:
    codes = [issue(store, s) for s in ("1", "2", "3")]
    clock.now += 3601
    denied = store.approve("telegram", codes[0])
    assert isinstance(denied, Deny) and denied.reason == "access.pairing.expired"
    assert not store.is_approved("telegram", "default", "1")
    assert store.pending("telegram") == []
    assert store.request("telegram", "default", "4").status == "issued"


def test_approve_admits_exactly_that_sender(store: PairingStore) -> None:
    issue(store, "1")
    code = issue(store, "2", account="second")
    result = store.approve("telegram", code.lower())
    assert result == Approval("telegram", "second", "2")
    assert store.is_approved("telegram", "second", "2")
    assert not store.is_approved("telegram", "default", "2")
    assert not store.is_approved("telegram", "default", "1")
    assert [p.sender for p in store.pending()] == ["1"]


def test_code_for_one_channel_does_not_approve_on_another(store: PairingStore) -> None:
    code = issue(store, "1")
    denied = store.approve("webhook", code)
    assert isinstance(denied, Deny) and denied.reason == "access.pairing.bad_code"
    assert not store.is_approved("webhook", "default", "1")


def test_guessing_codes_locks_approvals_after_five_failures(
    store: PairingStore, clock: Clock
) -> None:
    code = issue(store, "1")
    reasons = []
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC", "not-a-code", "DDDDDDDD"):
        result = store.approve("telegram", guess)
        assert isinstance(result, Deny)
        reasons.append(result.reason)
    assert reasons == ["access.pairing.bad_code"] * 4 + ["access.pairing.locked_out"]
    locked = store.approve("telegram", code)  # even the right code waits out the lockout
    assert isinstance(locked, Deny) and locked.reason == "access.pairing.locked_out"
    assert not store.is_approved("telegram", "default", "1")
    clock.now += 901
    assert isinstance(store.approve("telegram", code), Approval)


def test_revoke_removes_approval(store: PairingStore) -> None:
    code = issue(store, "1")
    store.approve("telegram", code)
    assert store.revoke("telegram", "1") == 1
    assert not store.is_approved("telegram", "default", "1")
    assert store.revoke("telegram", "1") == 0


def test_approval_survives_reopening(tmp_path: Path, clock: Clock) -> None:
    first = PairingStore.open(tmp_path / "s", clock=clock)
    code = issue(first, "1")
    first.close()
    second = PairingStore.open(tmp_path / "s", clock=clock)
    assert isinstance(second.approve("telegram", code), Approval)
    second.close()
    assert PairingStore.open(tmp_path / "s", clock=clock).is_approved("telegram", "default", "1")


def test_every_approval_attempt_emits_an_event(tmp_path: Path, clock: Clock) -> None:
    from clawkeep.events.log import EventLog

    events = EventLog()
    store = PairingStore.open(tmp_path / "s", clock=clock, events=events)
    code = issue(store, "1")
    store.approve("telegram", "AAAAAAAA")
    store.approve("telegram", code)
    store.revoke("telegram", "1")
    got = [(e.kind, e.reason) for e in events.recent]
    assert got == [
        ("pairing.approve", "access.pairing.bad_code"),
        ("pairing.approve", "access.pairing.approved"),
        ("pairing.revoke", "access.pairing.revoked"),
    ]
    assert code not in str([e.fields for e in events.recent])  # the code is never logged


def test_racing_processes_never_exceed_the_pending_cap(tmp_path: Path) -> None:
    import subprocess
    import sys

    PairingStore.open(tmp_path / "s").close()  # key and schema exist before the race
    script = (
        "import sys; from pathlib import Path; from clawkeep.access import PairingStore\n"
        "s = PairingStore.open(Path(sys.argv[1]))\n"
        "print(s.request('telegram', 'default', sys.argv[2]).status)\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / "s"), f"sender{i}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(6)
    ]
    statuses = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    assert statuses == ["cap_reached"] * 3 + ["issued"] * 3
    assert len(PairingStore.open(tmp_path / "s").pending("telegram")) == 3
