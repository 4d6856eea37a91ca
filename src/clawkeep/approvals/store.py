"""The approval store: calls held for the owner, and the owner's decision on each.

Public API (chat commands and the Control UI use the same one): ``hold``, ``pending``,
``approve``, ``deny``, ``expire``, ``get``. A held call expires after its timeout; a
decision is atomic (one transaction moves a row out of ``pending`` exactly once), so two
approvals of one code cannot both run the call. Every decision is an event with a literal
reason code. ``<state>/approvals.sqlite`` (0600, WAL, synchronous FULL).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from clawkeep.events.log import EventLog
from clawkeep.sqlitedb import open_db

__all__ = ["ALPHABET", "CODE_LENGTH", "ApprovalStore", "Decision", "Held", "Pending"]

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I: typed from a phone without slips
CODE_LENGTH = 6

_SCHEMA = """
CREATE TABLE IF NOT EXISTS approvals (
    code TEXT PRIMARY KEY, status TEXT NOT NULL, kind TEXT NOT NULL,
    agent TEXT NOT NULL, session_key TEXT NOT NULL, tool TEXT NOT NULL, args TEXT NOT NULL,
    reason TEXT NOT NULL, ungrounded TEXT NOT NULL, detail TEXT NOT NULL,
    created_at REAL NOT NULL, expires_at REAL NOT NULL,
    decided_at REAL, decided_by TEXT
);
CREATE INDEX IF NOT EXISTS approvals_status ON approvals(status, expires_at);
"""

Status = Literal["pending", "approved", "denied", "expired"]


@dataclass(frozen=True, slots=True)
class Held:
    """A call now waiting for the owner."""

    code: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class Pending:
    """One held call as stored: exactly what would run, and why it was held."""

    code: str
    status: Status
    kind: str  # "untrusted" (the grounding rule) or "exec" (tools.exec.ask)
    agent: str
    session_key: str
    tool: str
    args: Mapping[str, Any]
    reason: str
    ungrounded: tuple[str, ...]
    detail: str
    created_at: float
    expires_at: float


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of approve/deny: ``reason`` is the event's code; ``call`` set when the
    owner approved and the held call may now run (exactly once)."""

    reason: str
    call: Pending | None = None

    @property
    def approved(self) -> bool:
        return self.reason == "approvals.approved"


def _normalise(raw: str) -> str:
    return raw.strip().upper().replace("-", "").replace(" ", "")


class ApprovalStore:
    """Held calls of one install."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
        events: EventLog | None = None,
    ) -> None:
        self._clock = clock
        self._events = events
        self._lock = threading.Lock()
        self._conn = open_db(path, synchronous="FULL", schema=_SCHEMA)

    @classmethod
    def open(
        cls,
        state_dir: Path,
        *,
        clock: Callable[[], float] = time.time,
        events: EventLog | None = None,
    ) -> ApprovalStore:
        return cls(state_dir / "approvals.sqlite", clock=clock, events=events)

    def close(self) -> None:
        self._conn.close()

    def hold(
        self,
        *,
        kind: str,
        agent: str,
        session_key: str,
        tool: str,
        args: Mapping[str, Any],
        reason: str,
        ungrounded: Sequence[str],
        detail: str,
        ttl_seconds: float,
    ) -> Held:
        """Store a held call under a fresh code."""
        now = self._clock()
        row = (json.dumps(dict(args), sort_keys=True, default=str), json.dumps(list(ungrounded)))
        with self._lock:
            while True:
                code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
                cur = self._conn.execute(
                    "INSERT OR IGNORE INTO approvals VALUES "
                    "(?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                    (
                        code,
                        kind,
                        agent,
                        session_key,
                        tool,
                        row[0],
                        reason,
                        row[1],
                        detail,
                        now,
                        now + ttl_seconds,
                    ),
                )
                if cur.rowcount == 1:
                    break
        self._emit("approvals.held", code, tool=tool, held_for=reason, session_key=session_key)
        return Held(code, now + ttl_seconds)

    def get(self, code: str) -> Pending | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM approvals WHERE code = ?", (_normalise(code),)
            ).fetchone()
        return _pending(row) if row is not None else None

    def pending(self, session_key: str | None = None) -> list[Pending]:
        """Calls still waiting (not expired), oldest first; all sessions unless one is named."""
        self.expire()
        sql = "SELECT * FROM approvals WHERE status = 'pending'"
        params: tuple[str, ...] = ()
        if session_key is not None:
            sql += " AND session_key = ?"
            params = (session_key,)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY created_at", params).fetchall()
        return [_pending(r) for r in rows]

    def expire(self) -> int:
        """Mark every pending call past its time as expired; returns how many."""
        now = self._clock()
        with self._lock:
            codes = [
                r[0]
                for r in self._conn.execute(
                    "SELECT code FROM approvals WHERE status = 'pending' AND expires_at <= ?",
                    (now,),
                ).fetchall()
            ]
            self._conn.execute(
                "UPDATE approvals SET status = 'expired', decided_at = ? "
                "WHERE status = 'pending' AND expires_at <= ?",
                (now, now),
            )
        for code in codes:
            self._emit("approvals.expired", code)
        return len(codes)

    def approve(self, code: str, by: str) -> Decision:
        """The owner's yes: the call may run once."""
        return self._decide(code, "approved", by)

    def deny(self, code: str, by: str) -> Decision:
        """The owner's no: the call never runs."""
        return self._decide(code, "denied", by)

    def _decide(self, raw: str, status: Status, by: str) -> Decision:
        code = _normalise(raw)
        now = self._clock()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute(
                    "SELECT * FROM approvals WHERE code = ?", (code,)
                ).fetchone()
                moved = self._conn.execute(
                    "UPDATE approvals SET status = ?, decided_at = ?, decided_by = ? "
                    "WHERE code = ? AND status = 'pending' AND expires_at > ?",
                    (status, now, by, code, now),
                ).rowcount
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        if row is None:
            self._emit("approvals.unknown_code", code[:16], by=by)
            return Decision("approvals.unknown_code")
        held = _pending(row)
        if moved != 1 and held.status == "pending":
            self._emit("approvals.expired", code, by=by)  # too late: it never runs
            return Decision("approvals.expired", held)
        if moved != 1:
            self._emit("approvals.already_decided", code, by=by)
            return Decision("approvals.already_decided", held)
        if status == "approved":
            self._emit("approvals.approved", code, by=by, tool=held.tool)
            return Decision("approvals.approved", held)
        self._emit("approvals.denied", code, by=by, tool=held.tool)
        return Decision("approvals.denied", held)

    def _emit(self, reason: str, code: str, **fields: object) -> None:
        if self._events is not None:
            self._events.emit("approval", reason, code=code, **fields)


def _pending(row: Sequence[Any]) -> Pending:
    return Pending(
        code=row[0],
        status=row[1],
        kind=row[2],
        agent=row[3],
        session_key=row[4],
        tool=row[5],
        args=json.loads(row[6]),
        reason=row[7],
        ungrounded=tuple(json.loads(row[8])),
        detail=row[9],
        created_at=row[10],
        expires_at=row[11],
    )
