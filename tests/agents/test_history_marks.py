"""The gateway's marks in a session's history survive the edge of the history window."""

from __future__ import annotations

from pathlib import Path

from clawkeep.agents.history import read_history, turn_messages
from clawkeep.sessions import TranscriptStore

KEY = "agent:main:webchat:direct:owner"


def _store(tmp_path: Path) -> TranscriptStore:
    store = TranscriptStore(tmp_path / "t.sqlite")
    store.append(KEY, "user", "read my inbox")
    store.append(KEY, "system", "", meta={"untrusted_turn": True, "steered": True})
    store.append(KEY, "assistant", "salaries: alice 91000")
    return store


def test_a_window_that_starts_at_a_marked_reply_keeps_its_mark(tmp_path: Path) -> None:
    rows = read_history(_store(tmp_path), KEY, 1)
    assert [r.role for r in rows] == ["system", "assistant"]
    assert rows[0].tainted_turn and rows[0].steered_turn
    # The mark is not a message: the model still gets the one line the window holds.
    assert [m.content for m in turn_messages(rows, None)] == ["salaries: alice 91000"]


def test_the_window_takes_no_extra_row_that_is_not_a_mark(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.append(KEY, "user", "thanks")
    rows = read_history(store, KEY, 3)
    assert [r.role for r in rows] == ["system", "assistant", "user"]  # not "read my inbox"
