"""The transcript store: per-session history, private file, survives reopening."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest

from clawkeep.sessions import TranscriptStore


def test_history_is_per_session_and_ordered(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path / "s" / "t.sqlite")
    store.append("k1", "user", "one", meta={"channel": "telegram"})
    store.append("k2", "user", "other person")
    store.append("k1", "assistant", "two")
    store.append("k1", "user", "three")
    assert [e.text for e in store.history("k1", 10)] == ["one", "two", "three"]
    assert [e.text for e in store.history("k1", 2)] == ["two", "three"]
    assert store.history("k1", 10)[0].meta == {"channel": "telegram"}
    assert store.sessions() == {"k1": 3, "k2": 1}
    assert store.history("k3", 10) == []


def test_store_is_private_and_durable(tmp_path: Path) -> None:
    path = tmp_path / "s" / "t.sqlite"
    store = TranscriptStore(path)
    store.append("k", "user", "kept")
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [e.text for e in TranscriptStore(path).history("k", 5)] == ["kept"]


def test_unknown_role_is_a_bug(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path / "t.sqlite")
    with pytest.raises(ValueError, match="role"):
        store.append("k", "root", "x")  # type: ignore[arg-type]


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path / "t.sqlite")

    def write(n: int) -> None:
        for i in range(100):
            store.append(f"k{n}", "user", str(i))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count() == 400
