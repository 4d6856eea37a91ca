"""edit: replace one exact piece of text in a workspace file, through the file-guard."""

from __future__ import annotations

from pydantic import Field

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import read_bytes, write_bytes
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._files import MAX_FILE_BYTES, access_problem, file_policy, identity_problem
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "EditArgs"]


class EditArgs(ArgsModel):
    path: str = Field(min_length=1, max_length=4096)
    old_text: str = Field(min_length=1, max_length=MAX_FILE_BYTES)
    new_text: str = Field(max_length=MAX_FILE_BYTES)


async def _run(args: EditArgs, ctx: ToolContext) -> ToolResult:
    problem = access_problem(ctx, "tools.edit.workspace_access", "rw") or identity_problem(
        ctx, args.path, "tools.edit.identity_locked"
    )
    if problem is not None:
        return refuse(problem.reason, problem.detail)
    policy = file_policy(ctx)
    data = read_bytes(policy, args.path, MAX_FILE_BYTES)
    if isinstance(data, Deny):
        return refuse(data.reason, data.detail)
    text = data.decode("utf-8", "replace")
    count = text.count(args.old_text)
    if count != 1:
        return refuse("tools.edit.no_unique_match", f"oldText occurs {count} times")
    done = write_bytes(policy, args.path, text.replace(args.old_text, args.new_text).encode())
    if isinstance(done, Deny):
        return refuse(done.reason, done.detail)
    return ToolResult(True, f"edited {args.path}")


TOOL = ToolDef(
    "edit",
    "Replace one exact text in a workspace file.",
    EditArgs,
    _run,
    effects=ToolEffects(frozenset({"writes_workspace"}), selectors=("path",)),
)
