"""One tool call, judged before it runs: policy first (the name as the model wrote it),
then the arguments against the tool's strict model, then the tool. A refused call gets
an event with the reason code, and its code never runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from clawkeep.agents.providers.types import ToolCall
from clawkeep.events.log import EventLog
from clawkeep.tools.base import ToolContext, ToolDef, ToolResult, refuse

__all__ = ["dispatch"]


def _emit(events: EventLog | None, kind: str, reason: str, ctx: ToolContext, **f: object) -> None:
    if events is not None:
        events.emit(kind, reason, agent=ctx.agent.id, session_key=ctx.session_key, **f)


async def dispatch(call: ToolCall, tools: Mapping[str, ToolDef], ctx: ToolContext) -> ToolResult:
    """Run ``call`` if the turn's policy allows it; otherwise refuse with a reason code."""
    verdict = ctx.policy.decide(call.name)
    if not verdict.allowed or call.name not in ctx.policy.offered:
        reason = verdict.reason if not verdict.allowed else "tools.not_implemented"
        _emit(
            ctx.events,
            "tool.denied",
            reason,
            ctx,
            tool=verdict.tool[:200],
            called=call.name[:200],
            layer=verdict.layer,
            rule=verdict.rule,
        )
        # The tool's code is never reached: the decision is made on the name alone.
        return refuse(reason, f"tool {call.name[:80]!r} is not available here")
    tool = tools[verdict.tool]
    if call.bad_arguments is not None:
        _emit(ctx.events, "tool.denied", "tools.bad_arguments", ctx, tool=tool.name)
        return refuse("tools.bad_arguments", "the arguments were not a JSON object")
    try:
        args = tool.args.model_validate(dict(call.arguments))
    except ValidationError as exc:
        _emit(ctx.events, "tool.denied", "tools.bad_arguments", ctx, tool=tool.name)
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return refuse("tools.bad_arguments", f"{where}: {first.get('msg', 'invalid')}")
    _emit(ctx.events, "tool.call", verdict.reason, ctx, tool=tool.name)
    try:
        result = await tool.handler(args, ctx)
    except (OSError, RuntimeError, ValueError) as exc:
        # An I/O failure inside a tool that was allowed: report it, keep the turn going.
        result = refuse("tools.failed", f"{tool.name}: {type(exc).__name__}")
    _emit(ctx.events, "tool.result", result.reason, ctx, tool=tool.name, ok=result.ok)
    return result
