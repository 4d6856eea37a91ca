"""read: a file beneath the agent's workspace, through the file-guard (capped, untrusted)."""

from __future__ import annotations

from pydantic import Field

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import read_bytes
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._files import MAX_FILE_BYTES, access_problem, file_policy
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "ReadArgs"]


class ReadArgs(ArgsModel):
    path: str = Field(min_length=1, max_length=4096)
    offset: int = Field(default=0, ge=0, le=1 << 62)  # pread's off_t, with room for limit
    limit: int = Field(default=MAX_FILE_BYTES, ge=1, le=MAX_FILE_BYTES)


async def _run(args: ReadArgs, ctx: ToolContext) -> ToolResult:
    problem = access_problem(ctx, "tools.read.workspace_access", "ro")
    if problem is not None:
        return refuse(problem.reason, problem.detail)
    # Only the window [offset, offset + limit) is read: a huge offset costs nothing.
    data = read_bytes(file_policy(ctx), args.path, args.limit, offset=args.offset)
    if isinstance(data, Deny):
        return refuse(data.reason, data.detail)
    text = data.decode("utf-8", "replace")
    return ToolResult(True, text, untrusted=True, source=f"file:{args.path}")


TOOL = ToolDef(
    "read",
    "Read a text file in the workspace.",
    ReadArgs,
    _run,
    effects=ToolEffects(frozenset({"read_only"})),
)
