"""How clawkeep opens its SQLite files: private (0600 in a 0700 folder), WAL, busy_timeout.

A leaf helper beside ``fsutil``: access (pairing), channels (webhook replay ids) and
sessions (transcripts) each open their own database through it.

Pairing and approvals use ``synchronous=FULL`` (an approval must survive a power cut);
transcripts use ``NORMAL`` (WAL keeps them consistent; the last turn may be lost).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Literal

from clawkeep.fsutil import PRIVATE_FILE_MODE, ensure_private_dir

__all__ = ["open_db"]

Synchronous = Literal["FULL", "NORMAL"]


def _create_private(path: Path) -> None:
    # Create the file 0600 before SQLite opens it: it never exists readable by others.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, PRIVATE_FILE_MODE)
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, PRIVATE_FILE_MODE)  # only ever narrow an existing file
    finally:
        os.close(fd)


def open_db(path: Path, *, synchronous: Synchronous, schema: str) -> sqlite3.Connection:
    """Open (creating) ``path`` privately, in WAL mode, and apply ``schema`` (idempotent)."""
    ensure_private_dir(path.parent)
    _create_private(path)
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(schema)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_mode & 0o077:
            os.chmod(side, PRIVATE_FILE_MODE)  # WAL holds the same secrets as the database
    return conn
