"""sessions_list: the calling agent's own sessions (keys and turn counts), nobody else's."""

from __future__ import annotations

from pydantic import Field

from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._sessions import owned_by
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "SessionsListArgs"]


class SessionsListArgs(ArgsModel):
    limit: int = Field(default=50, ge=1, le=500)


async def _run(args: SessionsListArgs, ctx: ToolContext) -> ToolResult:
    if ctx.store is None:
        return refuse("tools.sessions_list.unavailable", "no transcript store")
    own = sorted(k for k in ctx.store.sessions() if owned_by(k, ctx.agent.id))
    lines = [f"{k} ({ctx.store.sessions().get(k, 0)} turns)" for k in own[: args.limit]]
    return ToolResult(True, "\n".join(lines) or "no sessions")


TOOL = ToolDef(
    "sessions_list",
    "List this agent's sessions.",
    SessionsListArgs,
    _run,
    effects=ToolEffects(frozenset({"read_only"})),
)
