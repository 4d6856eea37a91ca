"""session_status: who and where the agent is, and which tools this turn offers."""

from __future__ import annotations

from clawkeep.policy.effects import ToolEffects
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult

__all__ = ["TOOL", "SessionStatusArgs"]


class SessionStatusArgs(ArgsModel):
    pass


async def _run(args: SessionStatusArgs, ctx: ToolContext) -> ToolResult:
    lines = [
        f"agent: {ctx.agent.id}",
        f"session: {ctx.session_key}",
        f"model: {ctx.model_ref or '?'}",
        f"sandboxed: {'yes' if ctx.sandboxed else 'no'}",
        f"tools: {', '.join(sorted(ctx.policy.offered))}",
    ]
    return ToolResult(True, "\n".join(lines))


TOOL = ToolDef(
    "session_status",
    "Show this session's status.",
    SessionStatusArgs,
    _run,
    effects=ToolEffects(frozenset({"read_only"})),
)
