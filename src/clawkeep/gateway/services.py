"""The seams the gateway is built with: pairing, chat history, audit, and the event bus.

The gateway does not own pairing or transcripts; it takes objects that satisfy these small
protocols (the access stage's pairing store, the sessions stage's transcripts) and only
speaks the wire protocol around them.
"""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from clawkeep.audit.finding import Finding
from clawkeep.fsutil import PRIVATE_FILE_MODE, ensure_private_dir

__all__ = [
    "AuditRunner",
    "ChatEntry",
    "ChatHistory",
    "JsonlChatHistory",
    "MemoryChatHistory",
    "PairingResult",
    "PairingService",
    "PendingPairing",
    "pending_json",
]

Role = Literal["user", "assistant", "system"]


class PendingPairing(Protocol):
    """A pending DM pairing request as the operator sees it (its code is not recoverable)."""

    @property
    def channel(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def sender(self) -> str: ...
    @property
    def sender_name(self) -> str | None: ...
    @property
    def created_at(self) -> float: ...
    @property
    def expires_at(self) -> float: ...


class PairingResult(Protocol):
    """What an approval attempt decided: allowed, with a stable reason code."""

    @property
    def allowed(self) -> bool: ...
    @property
    def reason(self) -> str: ...


class PairingService(Protocol):
    """Pending pairing requests and their approval (`clawkeep.access.PairingStore` fits)."""

    def pending(self, channel: str | None = None) -> Sequence[PendingPairing]: ...

    def approve(self, channel: str, code: str) -> PairingResult: ...


def pending_json(item: PendingPairing) -> dict[str, Any]:
    """The wire form of one pending request."""
    return {
        "channel": item.channel,
        "account": item.account,
        "sender": item.sender,
        "senderName": item.sender_name,
        "createdAt": item.created_at,
        "expiresAt": item.expires_at,
    }


@dataclass(frozen=True, slots=True)
class ChatEntry:
    """One line of the web chat transcript."""

    role: Role
    text: str
    ts: float
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class ChatHistory(Protocol):
    """The web chat transcript (the sessions stage's transcript store fits this)."""

    def append(self, entries: Sequence[ChatEntry]) -> None: ...

    def recent(self, limit: int) -> list[ChatEntry]: ...


AuditRunner = Callable[[], Sequence[Finding]]


class MemoryChatHistory:
    """A bounded in-memory transcript (tests, and gateways without a state dir)."""

    def __init__(self, max_entries: int = 1000) -> None:
        self._entries: deque[ChatEntry] = deque(maxlen=max_entries)
        self._lock = threading.Lock()

    def append(self, entries: Sequence[ChatEntry]) -> None:
        with self._lock:
            self._entries.extend(entries)

    def recent(self, limit: int) -> list[ChatEntry]:
        with self._lock:
            return list(self._entries)[-limit:] if limit > 0 else []


class JsonlChatHistory:
    """The web chat transcript as JSON lines (0600), fsynced before a reply is acknowledged."""

    def __init__(self, path: Path, max_loaded: int = 1000) -> None:
        ensure_private_dir(path.parent)
        self._path = path
        self._lock = threading.Lock()
        self._cache: deque[ChatEntry] = deque(self._load(path), maxlen=max_loaded)

    @staticmethod
    def _load(path: Path) -> list[ChatEntry]:
        if not path.exists():
            return []
        out: list[ChatEntry] = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                raw = json.loads(line)
                entry = ChatEntry(raw["role"], str(raw["text"]), float(raw["ts"]), raw["reason"])
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line after a crash: skip it, keep the rest
            out.append(entry)
        return out

    def append(self, entries: Sequence[ChatEntry]) -> None:
        data = "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in entries)
        with self._lock:
            fd = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
            try:
                os.write(fd, data.encode())
                os.fsync(fd)  # acknowledged means on disk
            finally:
                os.close(fd)
            self._cache.extend(entries)

    def recent(self, limit: int) -> list[ChatEntry]:
        with self._lock:
            return list(self._cache)[-limit:] if limit > 0 else []
