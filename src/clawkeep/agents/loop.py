"""The tool-call loop of one turn: ask the model, run the calls it may make, repeat.

Bounded: at most ``max_tool_calls`` calls (then the model is asked once more with no
tools), ``max_turn_seconds`` of wall time for the whole turn, ``max_output_chars`` of
reply. Tool results that carry outside content enter the context wrapped as untrusted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from clawkeep.agents.limits import TurnLimits
from clawkeep.agents.providers.types import Message, Provider, ToolCall, ToolSpec
from clawkeep.approvals import Held
from clawkeep.guards.content_guard import wrap_untrusted
from clawkeep.tools.base import ToolResult, refuse

__all__ = ["LoopOutcome", "run_loop"]

Dispatch = Callable[[ToolCall], Awaitable[ToolResult]]


@dataclass(frozen=True, slots=True)
class LoopOutcome:
    reply: str
    reason: str  # agents.replied, agents.turn_timeout, agents.max_tool_calls
    tool_calls: int
    messages: tuple[Message, ...]
    held: tuple[Held, ...] = ()  # calls this turn held for the owner's approval


def _tool_message(call: ToolCall, result: ToolResult, limits: TurnLimits) -> Message:
    text = result.text[: limits.max_tool_result_chars]
    if result.untrusted:
        text = wrap_untrusted(text, source=result.source or call.name)
    return Message("tool", text, tool_call_id=call.id, name=call.name)


async def _steps(
    provider: Provider,
    system: str,
    messages: list[Message],
    specs: Sequence[ToolSpec],
    dispatch: Dispatch,
    limits: TurnLimits,
    counter: list[int],
) -> tuple[str, str]:
    offered = specs
    exhausted = False
    while True:
        turn = await provider.complete(system, messages, offered)
        messages.append(Message("assistant", turn.text, turn.tool_calls))
        if exhausted:  # the one answer after the limit: whatever it asks for, the turn ends
            return turn.text, "agents.max_tool_calls"
        if not turn.tool_calls:
            return turn.text, "agents.replied"
        for call in turn.tool_calls:
            if counter[0] >= limits.max_tool_calls:
                result = refuse("agents.max_tool_calls", "no more tool calls this turn")
            else:
                counter[0] += 1
                result = await dispatch(call)
            messages.append(_tool_message(call, result, limits))
        if counter[0] >= limits.max_tool_calls:
            offered, exhausted = (), True  # one last answer, with nothing left to call


async def run_loop(
    provider: Provider,
    system: str,
    messages: Sequence[Message],
    specs: Sequence[ToolSpec],
    dispatch: Dispatch,
    limits: TurnLimits,
) -> LoopOutcome:
    """Run the turn to a reply (or to a limit)."""
    context = list(messages)
    counter = [0]
    try:
        async with asyncio.timeout(limits.max_turn_seconds):
            text, reason = await _steps(provider, system, context, specs, dispatch, limits, counter)
    except TimeoutError:
        text, reason = "", "agents.turn_timeout"
    reply = text[: limits.max_output_chars]
    return LoopOutcome(reply, reason, counter[0], tuple(context))
