"""sessions_history: the current session's transcript. Another session's is refused: one
sender's conversation must not leak into another's context (session leakage).
"""

from __future__ import annotations

from pydantic import Field

from clawkeep.policy.effects import ToolEffects
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "SessionsHistoryArgs"]


class SessionsHistoryArgs(ArgsModel):
    session_key: str | None = Field(default=None, max_length=1024)
    limit: int = Field(default=20, ge=1, le=200)


async def _run(args: SessionsHistoryArgs, ctx: ToolContext) -> ToolResult:
    if ctx.store is None:
        return refuse("tools.sessions_history.unavailable", "no transcript store")
    key = args.session_key or ctx.session_key
    if key != ctx.session_key:
        # Only this session: another one belongs to another sender (or agent).
        return refuse("tools.sessions_history.other_session", "only the current session")
    entries = ctx.store.history(key, args.limit)
    text = "\n".join(f"[{e.role}] {e.text}" for e in entries)
    return ToolResult(True, text or "empty", untrusted=True, source=f"session:{key}")


TOOL = ToolDef(
    "sessions_history",
    "Read this session's history.",
    SessionsHistoryArgs,
    _run,
    effects=ToolEffects(frozenset({"read_only"})),
)
