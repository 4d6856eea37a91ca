"""The transcript store: every session's turns in one SQLite file (WAL, 0600).

API (for the agent turn, which gets the store at construction)::

    store = TranscriptStore.open(paths.state_dir / "transcripts.sqlite")
    store.append(session_key, "user", text, meta={"channel": "telegram"})
    entries = store.history(session_key, limit=50)   # oldest first, at most 50
    store.sessions()                                   # keys with their turn counts

A session's history is read only by its key: there is no query that mixes sessions, so
one sender's words cannot reach another session's model context through this store.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from clawkeep.sqlitedb import open_db

__all__ = ["Role", "TranscriptEntry", "TranscriptStore"]

Role = Literal["user", "assistant", "system", "tool"]
_ROLES: frozenset[str] = frozenset({"user", "assistant", "system", "tool"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS transcript (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_key TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    ts REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS transcript_by_session ON transcript (session_key, id);
"""


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """One turn of one session."""

    session_key: str
    role: Role
    text: str
    ts: float
    meta: Mapping[str, Any] = field(default_factory=dict)


class TranscriptStore:
    """Append-only transcripts keyed by session key; safe to share between threads."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._conn = open_db(path, synchronous="NORMAL", schema=_SCHEMA)

    @classmethod
    def open(cls, path: Path) -> TranscriptStore:
        return cls(path)

    def append(
        self, session_key: str, role: Role, text: str, *, meta: Mapping[str, Any] | None = None
    ) -> TranscriptEntry:
        """Add one turn to ``session_key`` and return it."""
        if role not in _ROLES:
            raise ValueError(f"unknown transcript role {role!r}")
        entry = TranscriptEntry(session_key, role, text, self._clock(), dict(meta or {}))
        with self._lock:
            self._conn.execute(
                "INSERT INTO transcript (session_key, role, text, meta, ts) VALUES (?,?,?,?,?)",
                (session_key, role, text, json.dumps(entry.meta, default=str), entry.ts),
            )
        return entry

    def history(self, session_key: str, limit: int = 50) -> list[TranscriptEntry]:
        """The last ``limit`` turns of ``session_key``, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT role, text, meta, ts FROM transcript WHERE session_key = ?"
                " ORDER BY id DESC LIMIT ?",
                (session_key, max(0, limit)),
            ).fetchall()
        return [
            TranscriptEntry(session_key, role, text, ts, json.loads(meta))
            for role, text, meta, ts in reversed(rows)
        ]

    def sessions(self) -> dict[str, int]:
        """Every session key with its number of turns."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT session_key, COUNT(*) FROM transcript GROUP BY session_key"
            ).fetchall()
        return {key: count for key, count in rows}

    def delete(self, session_key: str) -> int:
        """Remove every turn of ``session_key``; how many were removed."""
        with self._lock:
            cur = self._conn.execute("DELETE FROM transcript WHERE session_key = ?", (session_key,))
        return int(cur.rowcount)

    def count(self) -> int:
        """How many turns are stored in all (for tests and the bench)."""
        with self._lock:
            (n,) = self._conn.execute("SELECT COUNT(*) FROM transcript").fetchone()
        return int(n)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
