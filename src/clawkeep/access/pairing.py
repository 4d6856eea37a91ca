"""The DM pairing store: pending codes, approved senders, and rate-limited approvals.

An unknown sender gets an 8-character code valid for one hour; at most three codes are
pending per channel and account. Codes are stored as salted, keyed hashes
(``_codes``), never in plain text: the code is shown once, to the sender. Approval
compares a guess against every pending code of the channel in constant time; five wrong
guesses lock approvals on that channel for 15 minutes.

The store is ``<state>/credentials/pairing.sqlite`` (0600, WAL, ``synchronous=FULL``).
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from clawkeep.access._codes import code_matches, hash_code, load_install_key, new_code
from clawkeep.access._codes import normalise_code as _normalise
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.sqlitedb import open_db

__all__ = [
    "CODE_TTL_SECONDS",
    "LOCKOUT_SECONDS",
    "MAX_FAILED_APPROVALS",
    "MAX_PENDING",
    "Approval",
    "ApprovedSender",
    "PairingRequest",
    "PairingStore",
    "PendingRequest",
]

CODE_TTL_SECONDS = 3600.0
MAX_PENDING = 3
MAX_FAILED_APPROVALS = 5
LOCKOUT_SECONDS = 900.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pairing_pending (
    channel TEXT NOT NULL, account TEXT NOT NULL, sender TEXT NOT NULL,
    sender_name TEXT, salt BLOB NOT NULL, code_hash BLOB NOT NULL,
    created_at REAL NOT NULL, expires_at REAL NOT NULL,
    PRIMARY KEY (channel, account, sender)
);
CREATE TABLE IF NOT EXISTS pairing_approved (
    channel TEXT NOT NULL, account TEXT NOT NULL, sender TEXT NOT NULL,
    approved_at REAL NOT NULL,
    PRIMARY KEY (channel, account, sender)
);
CREATE TABLE IF NOT EXISTS pairing_failures (
    channel TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until REAL NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class PairingRequest:
    """What a DM from an unknown sender got: a new code, nothing (pending), or nothing (cap)."""

    status: Literal["issued", "pending", "cap_reached"]
    code: str | None = None  # only when issued; never stored in plain text
    expires_at: float | None = None


@dataclass(frozen=True, slots=True)
class PendingRequest:
    channel: str
    account: str
    sender: str
    sender_name: str | None
    created_at: float
    expires_at: float


@dataclass(frozen=True, slots=True)
class ApprovedSender:
    channel: str
    account: str
    sender: str
    approved_at: float


@dataclass(frozen=True, slots=True)
class Approval:
    """A code was right: this sender on this channel and account may now DM the agent."""

    channel: str
    account: str
    sender: str
    reason: str = "access.pairing.approved"

    @property
    def allowed(self) -> bool:
        return True


class PairingStore:
    """Pending codes and approved senders for every channel of one install."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        *,
        clock: Callable[[], float] = time.time,
        events: EventLog | None = None,
    ) -> None:
        self._key = key
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
    ) -> PairingStore:
        """The install's store: ``<state>/credentials/pairing.sqlite`` and its key."""
        creds = state_dir / "credentials"
        return cls(creds / "pairing.sqlite", load_install_key(creds), clock=clock, events=events)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE: the count-then-insert of the pending cap runs under the write lock,
        # so two processes cannot both take the third slot.
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def request(
        self, channel: str, account: str, sender: str, *, sender_name: str | None = None
    ) -> PairingRequest:
        """Give ``sender`` a code, unless one is pending for them or the cap is reached."""
        now = self._clock()
        with self._tx() as db:
            db.execute(
                "DELETE FROM pairing_pending WHERE channel=? AND account=? AND expires_at<=?",
                (channel, account, now),
            )
            row = db.execute(
                "SELECT 1 FROM pairing_pending WHERE channel=? AND account=? AND sender=?",
                (channel, account, sender),
            ).fetchone()
            if row is not None:
                return PairingRequest("pending")
            (count,) = db.execute(
                "SELECT COUNT(*) FROM pairing_pending WHERE channel=? AND account=?",
                (channel, account),
            ).fetchone()
            if count >= MAX_PENDING:  # a flood of strangers cannot fill the owner's queue
                return PairingRequest("cap_reached")
            code, salt = new_code(), secrets.token_bytes(16)
            expires = now + CODE_TTL_SECONDS
            db.execute(
                "INSERT INTO pairing_pending VALUES (?,?,?,?,?,?,?,?)",
                (
                    channel,
                    account,
                    sender,
                    sender_name,
                    salt,
                    hash_code(self._key, salt, code),
                    now,
                    expires,
                ),
            )
        return PairingRequest("issued", code, expires)

    def approve(self, channel: str, code: str) -> Approval | Deny:
        """Approve the sender whose pending code on ``channel`` is ``code`` (emits an event)."""
        result = self._approve(channel, code)
        if self._events is not None:
            who = {"sender": result.sender} if isinstance(result, Approval) else {}
            self._events.emit("pairing.approve", result.reason, channel=channel, **who)
        return result

    def _approve(self, channel: str, code: str) -> Approval | Deny:
        now = self._clock()
        with self._tx() as db:
            locked = db.execute(
                "SELECT locked_until FROM pairing_failures WHERE channel=?", (channel,)
            ).fetchone()
            if locked is not None and locked[0] > now:  # brute force stops here
                return Deny("access.pairing.locked_out", "too many wrong codes; try later")
            found = self._find(db, channel, _normalise(code))
            if found is None:
                return self._fail(db, channel, now)
            account, sender, expires_at = found
            db.execute(
                "DELETE FROM pairing_pending WHERE channel=? AND account=? AND sender=?",
                (channel, account, sender),
            )
            if expires_at <= now:  # an hour-old code is void even when it is right
                return Deny("access.pairing.expired", "the code has expired; ask for a new one")
            db.execute(
                "INSERT OR REPLACE INTO pairing_approved VALUES (?,?,?,?)",
                (channel, account, sender, now),
            )
            db.execute("DELETE FROM pairing_failures WHERE channel=?", (channel,))
        return Approval(channel, account, sender)

    def _find(
        self, db: sqlite3.Connection, channel: str, code: str | None
    ) -> tuple[str, str, float] | None:
        rows = db.execute(
            "SELECT account, sender, salt, code_hash, expires_at FROM pairing_pending"
            " WHERE channel=?",
            (channel,),
        ).fetchall()
        found = None
        for account, sender, salt, stored, expires_at in rows:
            # Compare against every row, no early exit: timing does not reveal the match.
            if code_matches(self._key, salt, stored, code or "") and code is not None:
                found = (account, sender, expires_at)
        return found

    def _fail(self, db: sqlite3.Connection, channel: str, now: float) -> Deny:
        row = db.execute(
            "SELECT failures FROM pairing_failures WHERE channel=?", (channel,)
        ).fetchone()
        failures = (row[0] if row else 0) + 1
        locked_until = now + LOCKOUT_SECONDS if failures >= MAX_FAILED_APPROVALS else 0.0
        db.execute(
            "INSERT OR REPLACE INTO pairing_failures VALUES (?,?,?)",
            (channel, 0 if locked_until else failures, locked_until),
        )
        if locked_until:
            return Deny("access.pairing.locked_out", "too many wrong codes; try later")
        return Deny("access.pairing.bad_code", "no pending request has this code")

    def revoke(self, channel: str, sender: str) -> int:
        """Remove ``sender``'s approval and pending code on ``channel`` (every account)."""
        removed = self._revoke(channel, sender)
        if self._events is not None:
            reason = "access.pairing.revoked" if removed else "access.pairing.not_found"
            self._events.emit("pairing.revoke", reason, channel=channel, sender=sender)
        return removed

    def _revoke(self, channel: str, sender: str) -> int:
        with self._tx() as db:
            a = db.execute(
                "DELETE FROM pairing_approved WHERE channel=? AND sender=?", (channel, sender)
            ).rowcount
            p = db.execute(
                "DELETE FROM pairing_pending WHERE channel=? AND sender=?", (channel, sender)
            ).rowcount
        return int(a) + int(p)

    def is_approved(self, channel: str, account: str, sender: str) -> bool:
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM pairing_approved WHERE channel=? AND account=? AND sender=?",
                (channel, account, sender),
            ).fetchone()
        return row is not None

    def pending(self, channel: str | None = None) -> list[PendingRequest]:
        """Codes still valid (oldest first); the codes themselves are not recoverable."""
        now = self._clock()
        with self._lock:
            rows = self._conn.execute(
                "SELECT channel, account, sender, sender_name, created_at, expires_at"
                " FROM pairing_pending WHERE expires_at>? AND (? IS NULL OR channel=?)"
                " ORDER BY created_at",
                (now, channel, channel),
            ).fetchall()
        return [PendingRequest(*row) for row in rows]

    def approved(self, channel: str | None = None) -> list[ApprovedSender]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT channel, account, sender, approved_at FROM pairing_approved"
                " WHERE (? IS NULL OR channel=?) ORDER BY approved_at",
                (channel, channel),
            ).fetchall()
        return [ApprovedSender(*row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
