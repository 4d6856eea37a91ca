"""process: list, poll and kill the background exec jobs of this session.

A job is visible to the session that started it only. poll returns the output once the
job has ended (untrusted: it passes the content guard like any exec output); kill stops
the whole sandboxed process group. Only the newest ended jobs are kept (see
`_background`): an older one's output is gone.
"""

from __future__ import annotations

import time
from typing import Literal

from pydantic import Field

from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._background import MAX_ENDED_PER_SESSION
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "ProcessArgs"]


class ProcessArgs(ArgsModel):
    action: Literal["list", "poll", "kill"] = "list"
    job_id: str | None = Field(default=None, max_length=32)


async def _run(args: ProcessArgs, ctx: ToolContext) -> ToolResult:
    jobs = ctx.services.jobs
    if jobs is None:
        return refuse("tools.process.unavailable", "no background job table is connected")
    owner = (ctx.agent.id, ctx.session_key)
    if args.action == "list":
        lines = [
            f"{j.id}  {'running' if j.running else 'ended'}  {j.command[:80]}"
            for j in jobs.of(owner)
        ]
        return ToolResult(True, "\n".join(lines) or "no background jobs")
    job = jobs.get(owner, args.job_id or "")
    if job is None:
        return refuse(
            "tools.process.not_found",
            f"no job {args.job_id!r} in this session (only the newest "
            f"{MAX_ENDED_PER_SESSION} ended jobs are kept)",
        )
    if args.action == "kill":
        await jobs.kill(job)
        return ToolResult(True, f"job {job.id} killed")
    if job.running:
        return ToolResult(True, f"job {job.id} running for {time.time() - job.started:.0f} s")
    return ToolResult(True, job.task.result(), untrusted=True, source="exec")


TOOL = ToolDef(
    "process",
    "List, poll or kill background exec jobs.",
    ProcessArgs,
    _run,
    effects=ToolEffects(frozenset({"executes_code", "destroys"}), selectors=("job_id",)),
)
