"""The access log: one JSON line per request or WebSocket event, never a secret.

Fields: time, client IP, method and path (never the query string) or the WS event, status,
and the auth outcome. `gateway.logging.level` picks what is kept: info and below keep
everything, warn keeps refusals, error keeps server errors, silent keeps nothing.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from clawkeep.logfiles import RotatingFile

__all__ = ["AccessLog"]

_THRESHOLD = {"trace": 0, "debug": 0, "info": 0, "warn": 400, "error": 500, "fatal": 500}


class AccessLog:
    """Appends access records to ``path`` (0600); a None path keeps nothing."""

    def __init__(self, path: Path | None, level: str = "info") -> None:
        self._threshold = _THRESHOLD.get(level)  # None: silent
        self._lock = threading.Lock()
        self._file: RotatingFile | None = None
        if path is not None and self._threshold is not None:
            self._file = RotatingFile(path)  # rotated by size, a bounded number kept

    def record(
        self,
        *,
        client: str,
        status: int,
        auth: str,
        method: str | None = None,
        path: str | None = None,
        event: str | None = None,
    ) -> None:
        """Write one record if the level keeps it. ``auth`` is a reason code, not a credential."""
        if self._file is None or self._threshold is None:
            return
        refused = auth.startswith("gateway.auth.") and auth != "gateway.auth.ok"
        if status < self._threshold and not (refused and self._threshold <= 400):
            return
        record: dict[str, object] = {"ts": round(time.time(), 3), "client": client}
        if event is not None:
            record["event"] = event
        else:
            record["method"] = method
            record["path"] = (path or "")[:512]
        record["status"] = status
        record["auth"] = auth
        line = json.dumps(record, ensure_ascii=True) + "\n"
        with self._lock:
            if self._file is not None:
                self._file.write(line.encode())

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
