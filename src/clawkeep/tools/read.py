"""read: a file beneath the agent's workspace, through the file-guard (capped, untrusted)."""

from __future__ import annotations

from pydantic import Field

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import read_bytes
from clawkeep.policy.effects import ToolEffects
from clawkeep.skills import SKILL_FILE, agent_skills, read_skill_file
from clawkeep.tools._files import MAX_FILE_BYTES, access_problem, file_policy
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["SKILL_PREFIX", "TOOL", "ReadArgs"]

SKILL_PREFIX = "skill:"


class ReadArgs(ArgsModel):
    path: str = Field(min_length=1, max_length=4096)
    offset: int = Field(default=0, ge=0, le=1 << 62)  # pread's off_t, with room for limit
    limit: int = Field(default=MAX_FILE_BYTES, ge=1, le=MAX_FILE_BYTES)


def _read_skill(args: ReadArgs, ctx: ToolContext) -> ToolResult:
    """`skill:<name>/<path>`: a file of a skill this agent sees, contained in its folder."""
    name, _, rel = args.path.removeprefix(SKILL_PREFIX).partition("/")
    seen = {
        s.name: s for s in agent_skills(ctx.config, ctx.paths, ctx.agent.id, ctx.agent.workspace)
    }
    skill = seen.get(name)
    if skill is None:
        return refuse("skills.not_visible", f"no skill {name[:80]!r} for this agent")
    protected = (ctx.paths.state_dir / "credentials", ctx.paths.config_path)
    data = read_skill_file(skill, rel or SKILL_FILE, args.limit, args.offset, protected)
    if isinstance(data, Deny):
        return refuse(data.reason, data.detail)
    # Owner-installed instructions that no agent can change: read as the owner's words.
    return ToolResult(True, data.decode("utf-8", "replace"), source=f"skill:{name}")


async def _run(args: ReadArgs, ctx: ToolContext) -> ToolResult:
    if args.path.startswith(SKILL_PREFIX):
        return _read_skill(args, ctx)
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
