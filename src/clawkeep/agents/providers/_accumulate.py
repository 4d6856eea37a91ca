"""Assemble a streamed assistant turn: text pieces and tool calls built from fragments.

A stream is capped (``MAX_STREAM_CHARS``): a provider, or whoever stands in for one,
cannot grow the gateway's memory without bound. What waits to be parsed (one line, one
event's data, one unstreamed body) is capped too (``MAX_PENDING_BYTES``), as it arrives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from clawkeep.agents.providers.types import AssistantTurn, ProviderError, ToolCall

__all__ = ["MAX_PENDING_BYTES", "MAX_STREAM_CHARS", "PendingCap", "TurnBuilder", "parse_arguments"]

MAX_STREAM_CHARS = 2_000_000
# A piece awaiting parsing may carry the whole capped stream with its JSON escaping.
MAX_PENDING_BYTES = 4 * MAX_STREAM_CHARS


class PendingCap:
    """Counts what is held before parsing; passing ``limit`` stops the stream."""

    def __init__(self, limit: int = MAX_PENDING_BYTES) -> None:
        self.limit = limit
        self.size = 0

    def add(self, piece: str) -> None:
        self.size += len(piece)
        if self.size > self.limit:
            # Nothing more is held: the reply is cut here, before the rest arrives.
            raise ProviderError("provider.output_too_large", "the stream passed the size cap")

    def reset(self) -> None:
        self.size = 0


def parse_arguments(call_id: str, name: str, raw: str | dict[str, Any] | None) -> ToolCall:
    """A ToolCall from JSON text (or an already-parsed object); bad JSON is kept aside."""
    if isinstance(raw, dict):
        return ToolCall(call_id, name, raw)
    text = (raw or "").strip() or "{}"
    try:
        value = json.loads(text)
    except ValueError:
        return ToolCall(call_id, name, {}, bad_arguments=text[:2000])
    if not isinstance(value, dict):
        return ToolCall(call_id, name, {}, bad_arguments=text[:2000])
    return ToolCall(call_id, name, value)


@dataclass
class _Partial:
    id: str = ""
    name: str = ""
    args: list[str] = field(default_factory=list)
    parsed: dict[str, Any] | None = None


class TurnBuilder:
    """Collects text and tool-call fragments keyed by their index in the stream."""

    def __init__(self) -> None:
        self._text: list[str] = []
        self._calls: dict[int, _Partial] = {}
        self._size = 0
        self.stop_reason = "stop"

    def _grow(self, piece: str) -> None:
        self._size += len(piece)
        if self._size > MAX_STREAM_CHARS:
            raise ProviderError("provider.output_too_large", "the stream passed the size cap")

    def text(self, piece: str) -> None:
        self._grow(piece)
        self._text.append(piece)

    def call(
        self,
        index: int,
        *,
        call_id: str | None = None,
        name: str | None = None,
        args: str | None = None,
        parsed: dict[str, Any] | None = None,
    ) -> None:
        part = self._calls.setdefault(index, _Partial())
        if call_id:
            part.id = call_id
        if name and not part.name:
            self._grow(name)
            part.name = name
        if args:
            self._grow(args)
            part.args.append(args)
        if parsed is not None:
            self._grow(json.dumps(parsed))
            part.parsed = parsed

    def build(self) -> AssistantTurn:
        calls = []
        for index in sorted(self._calls):
            part = self._calls[index]
            raw: str | dict[str, Any] = (
                part.parsed if part.parsed is not None else "".join(part.args)
            )
            calls.append(parse_arguments(part.id or f"call_{index}", part.name, raw))
        return AssistantTurn("".join(self._text), tuple(calls), self.stop_reason)
