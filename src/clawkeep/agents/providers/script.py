"""`api: "script"`: replays a JSON script of assistant turns and tool calls.

Operators use it for dry runs; the tests use it as the model that obeys the attacker.
Format: ``{"turns": [{"text": "...", "toolCalls": [{"name": "exec", "arguments": {...}}]}]}``
(or the bare list). Each completion returns the next turn; past the end, an empty turn.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from clawkeep.agents.providers._accumulate import parse_arguments
from clawkeep.agents.providers.types import AssistantTurn, Message, ProviderError, ToolSpec

__all__ = ["ScriptProvider", "load_script"]

_MAX_SCRIPT_BYTES = 4 * 1024 * 1024


def _turn(raw: Any, number: int) -> AssistantTurn:
    if isinstance(raw, str):
        return AssistantTurn(raw)
    if not isinstance(raw, dict):
        raise ProviderError("provider.bad_script", f"turn {number} is not an object")
    calls = []
    for i, call in enumerate(raw.get("toolCalls") or raw.get("tool_calls") or ()):
        if not isinstance(call, dict) or not isinstance(call.get("name"), str):
            raise ProviderError("provider.bad_script", f"turn {number} call {i} has no name")
        args = call.get("arguments", {})
        raw_args = args if isinstance(args, dict | str) else json.dumps(args)
        calls.append(
            parse_arguments(str(call.get("id") or f"s{number}_{i}"), call["name"], raw_args)
        )
    stop = "tool_calls" if calls else "stop"
    return AssistantTurn(str(raw.get("text", "")), tuple(calls), stop)


def load_script(source: Path | Sequence[Any] | dict[str, Any]) -> tuple[AssistantTurn, ...]:
    """Parse a script from a file, a list of turns, or ``{"turns": [...]}``."""
    data: Any = source
    if isinstance(source, Path):
        try:
            with source.open("rb") as fh:
                raw = fh.read(_MAX_SCRIPT_BYTES + 1)
        except OSError as exc:
            raise ProviderError("provider.bad_script", f"cannot read {source}: {exc}") from exc
        if len(raw) > _MAX_SCRIPT_BYTES:
            raise ProviderError("provider.bad_script", f"{source} is larger than 4 MiB")
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ProviderError("provider.bad_script", f"{source} is not JSON: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("turns")
    if not isinstance(data, list | tuple):
        raise ProviderError("provider.bad_script", "a script is a list of turns or {turns: [...]}")
    return tuple(_turn(t, n) for n, t in enumerate(data, start=1))


class ScriptProvider:
    """Returns the scripted turns in order, whatever it is asked."""

    def __init__(self, turns: Sequence[AssistantTurn]) -> None:
        self._turns = tuple(turns)
        self._next = 0
        self.requests: list[tuple[str, tuple[Message, ...], tuple[str, ...]]] = []

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn:
        # What the model was shown is kept, so a test can assert what was (not) offered.
        self.requests.append((system, tuple(messages), tuple(t.name for t in tools)))
        if self._next >= len(self._turns):
            return AssistantTurn("", (), "script_end")
        turn = self._turns[self._next]
        self._next += 1
        return turn
