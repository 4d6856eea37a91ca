"""write: create or replace a file beneath the workspace, through the file-guard."""

from __future__ import annotations

from pydantic import Field

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import write_bytes
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._files import MAX_FILE_BYTES, access_problem, file_policy, identity_problem
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "WriteArgs"]


class WriteArgs(ArgsModel):
    path: str = Field(min_length=1, max_length=4096)
    content: str = Field(max_length=MAX_FILE_BYTES)


async def _run(args: WriteArgs, ctx: ToolContext) -> ToolResult:
    problem = access_problem(ctx, "tools.write.workspace_access", "rw") or identity_problem(
        ctx, args.path, "tools.write.identity_locked"
    )
    if problem is not None:
        return refuse(problem.reason, problem.detail)
    done = write_bytes(file_policy(ctx), args.path, args.content.encode(), create_parents=True)
    if isinstance(done, Deny):
        return refuse(done.reason, done.detail)
    return ToolResult(True, f"wrote {len(args.content)} characters to {args.path}")


TOOL = ToolDef(
    "write",
    "Create or replace a file in the workspace.",
    WriteArgs,
    _run,
    effects=ToolEffects(frozenset({"writes_workspace"}), selectors=("path",)),
)
