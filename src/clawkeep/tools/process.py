"""process: manage background exec sessions. Background exec is not offered yet, so there
is nothing to manage: the tool refuses with a stable code rather than pretend.
"""

from __future__ import annotations

from typing import Literal

from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "ProcessArgs"]


class ProcessArgs(ArgsModel):
    action: Literal["list", "poll", "log", "write", "kill"] = "list"
    session_id: str | None = None
    data: str | None = None


async def _run(args: ProcessArgs, ctx: ToolContext) -> ToolResult:
    return refuse("tools.process.unavailable", "no background processes exist (exec is foreground)")


TOOL = ToolDef("process", "Manage background exec sessions.", ProcessArgs, _run)
