"""The event log: JSON lines in the state dir's logs/, redacted before they are written.

Decisions from every stage are emitted here with their stable reason code. Records are
passed through the configured redactor first, so a secret in a tool argument never
reaches the disk or a subscriber.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clawkeep.logfiles import RotatingFile

__all__ = ["Event", "EventLog"]

Redactor = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Event:
    """One record: what happened (``kind``), why (``reason``), and redacted details."""

    kind: str
    reason: str
    ts: float
    fields: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {"ts": self.ts, "kind": self.kind, "reason": self.reason, **self.fields},
            ensure_ascii=False,
            default=str,
            sort_keys=False,
        )


class EventLog:
    """Writes events as JSON lines to ``path`` (0600) and hands them to subscribers."""

    def __init__(self, path: Path | None = None, redactor: Redactor | None = None) -> None:
        self._path = path
        self._redactor = redactor
        self._lock = threading.Lock()
        self._subscribers: list[Callable[[Event], None]] = []
        self.recent: list[Event] = []
        # Rotated by size with a bounded number of old files: a flood cannot fill the disk.
        self._file = RotatingFile(path) if path is not None else None

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``callback`` for each later event; returns a function that unsubscribes."""
        with self._lock:
            self._subscribers.append(callback)

        def _unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return _unsubscribe

    def emit(self, kind: str, reason: str, **fields: Any) -> Event:
        """Record one event; string fields pass through the redactor first."""
        clean = {k: self._redact(v) for k, v in fields.items()}
        event = Event(kind=kind, reason=reason, ts=time.time(), fields=clean)
        line = event.to_json() + "\n"
        with self._lock:
            self.recent.append(event)
            del self.recent[:-1000]
            if self._file is not None:
                self._file.write(line.encode())
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback(event)
        return event

    def _redact(self, value: Any) -> Any:
        if self._redactor is None:
            return value
        if isinstance(value, str):
            return self._redactor(value)
        if isinstance(value, dict | list):
            return json.loads(self._redactor(json.dumps(value, default=str)))
        return value
