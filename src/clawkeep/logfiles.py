"""Append-only log files that rotate by size and keep a bounded number of old files.

``RotatingFile.write`` appends one line to ``path`` (0600); once the file would pass
``max_bytes`` it becomes ``path.1`` (``path.1`` becomes ``path.2`` ...) and files past
``keep`` are deleted, so a flood of events can never fill the disk. ``prune_backups``
keeps the newest N config backups.
"""

from __future__ import annotations

import os
from pathlib import Path

from clawkeep.fsutil import PRIVATE_FILE_MODE, ensure_private_dir

__all__ = ["KEEP_BACKUPS", "KEEP_FILES", "MAX_BYTES", "RotatingFile", "prune_backups"]

MAX_BYTES = 10 * 1024 * 1024
KEEP_FILES = 5
KEEP_BACKUPS = 5


class RotatingFile:
    """One log file; not thread-safe on its own (callers hold their lock)."""

    def __init__(self, path: Path, *, max_bytes: int = MAX_BYTES, keep: int = KEEP_FILES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.keep = keep
        ensure_private_dir(path.parent)
        self._fd: int | None = None
        self._size = 0

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(
                self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE_MODE
            )
            self._size = os.fstat(self._fd).st_size
        return self._fd

    def write(self, data: bytes) -> None:
        fd = self._open()
        if self._size and self._size + len(data) > self.max_bytes:
            self._rotate()
            fd = self._open()
        os.write(fd, data)
        self._size += len(data)

    def _rotate(self) -> None:
        self.close()
        for n in range(self.keep - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{n + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))
        extra = self.path.with_name(f"{self.path.name}.{self.keep + 1}")
        extra.unlink(missing_ok=True)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def prune_backups(file: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest ``keep`` ``<file>.bak-*`` backups; the deleted paths."""
    backups = sorted(file.parent.glob(f"{file.name}.bak-*"), key=lambda p: p.stat().st_mtime)
    gone = backups[:-keep] if keep > 0 else backups
    for path in gone:
        path.unlink(missing_ok=True)
    return gone
