"""The seams the gateway is built with: pairing, chat history, audit, and the event bus.

The gateway does not own pairing or transcripts; it takes objects that satisfy these small
protocols (the access stage's pairing store, the sessions stage's transcripts) and only
speaks the wire protocol around them.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

__all__ = [
    "AuditFinding",
    "AuditRunner",
    "ChatEntry",
    "ChatHistory",
    "MemoryChatHistory",
    "PairingResult",
    "PairingService",
    "PendingPairing",
    "TranscriptChatHistory",
    "TranscriptReader",
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

    def revoke(self, channel: str, sender: str) -> int: ...


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


class AuditFinding(Protocol):
    """An audit finding as the gateway serves it (``clawkeep.audit.finding.Finding``)."""

    def to_json(self) -> dict[str, Any]: ...


AuditRunner = Callable[[], Sequence[AuditFinding]]


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


class _Turn(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def ts(self) -> float: ...


class TranscriptReader(Protocol):
    """The sessions stage's transcript store, as far as the web chat reads it."""

    def history(self, session_key: str, limit: int = 50) -> Sequence[_Turn]: ...


class TranscriptChatHistory:
    """The web chat history read from the operator's session transcript.

    The pipeline writes the transcript as it handles each message, so ``append`` has
    nothing left to do: one store, one truth.
    """

    def __init__(self, store: TranscriptReader, session_key: str) -> None:
        self._store = store
        self._key = session_key

    def append(self, entries: Sequence[ChatEntry]) -> None:
        return None

    def recent(self, limit: int) -> list[ChatEntry]:
        out: list[ChatEntry] = []
        for turn in self._store.history(self._key, limit):
            role: Role = (
                "assistant"
                if turn.role == "assistant"
                else ("user" if turn.role == "user" else "system")
            )
            out.append(ChatEntry(role, turn.text, turn.ts))
        return out
