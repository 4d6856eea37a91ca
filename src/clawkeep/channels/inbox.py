"""A channel's durable inbox: each verified message is stored before it is acknowledged.

The transport is told "received" only after the message is on disk (SQLite,
``synchronous=FULL``), and a row is marked done only after its turn ran, so a crash
between the two loses nothing: the gateway handles what is pending when it starts
again. The same table refuses replays: a message id seen in the last ``keep_seconds``
is not accepted twice. Once handled, only the id is kept (the text is erased), so a
flood of long messages from strangers costs the disk a few bytes each, not their text.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from pathlib import Path

from clawkeep.contracts import InboundMessage
from clawkeep.sqlitedb import open_db

__all__ = ["Inbox"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (
    account TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    received REAL NOT NULL,
    message TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, msg_id)
);
CREATE INDEX IF NOT EXISTS inbox_done_received ON inbox (done, received);
"""


class Inbox:
    """Pending and recently seen messages of one channel, in ``path``."""

    def __init__(self, path: Path, *, keep_seconds: float = 7 * 24 * 3600) -> None:
        self._db = open_db(path, synchronous="FULL", schema=_SCHEMA)
        self._keep = keep_seconds
        self._lock = threading.Lock()

    def accept(self, msg: InboundMessage, now: float) -> bool:
        """Store ``msg``; False when its id was already seen (a replay or a retry)."""
        row = json.dumps(dataclasses.asdict(msg), ensure_ascii=False)
        with self._lock:
            self._db.execute(
                "DELETE FROM inbox WHERE done = 1 AND received < ?", (now - self._keep,)
            )
            cur = self._db.execute(
                "INSERT OR IGNORE INTO inbox (account, msg_id, received, message)"
                " VALUES (?, ?, ?, ?)",
                (msg.account, msg.raw_id, now, row),
            )
            return cur.rowcount == 1

    def pending(self) -> list[InboundMessage]:
        """Messages stored but not yet handled, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT message FROM inbox WHERE done = 0 ORDER BY received, rowid"
            ).fetchall()
        out = []
        for (text,) in rows:
            data = json.loads(text)
            data["mentions"] = tuple(data.get("mentions") or ())
            out.append(InboundMessage(**data))
        return out

    def done(self, msg: InboundMessage) -> None:
        with self._lock:
            self._db.execute(
                # Only the id is needed for replays: a stranger's text is not kept on disk.
                "UPDATE inbox SET done = 1, message = '' WHERE account = ? AND msg_id = ?",
                (msg.account, msg.raw_id),
            )

    def close(self) -> None:
        self._db.close()
