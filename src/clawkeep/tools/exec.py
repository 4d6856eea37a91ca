"""exec: run a shell command where the sandbox placement says, after the command guard.

Order: placement (`tools.exec.security`, sandbox mode, elevated) -> command guard ->
sandbox (or, only with elevated host exec allowed by the policy, the host). Any missing
piece refuses; nothing runs unguarded. `clawkeep sandbox exec` runs commands through
`execute` here too, so the operator sees exactly what the agent's exec would do.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pydantic import Field

from clawkeep.config.agents import ResolvedAgent
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.guards.command_guard import context_from_config, judge
from clawkeep.guards.file_guard.patterns import RUN_OUTSIDE
from clawkeep.guards.network_guard import policy_from_config
from clawkeep.policy import ToolPolicy
from clawkeep.policy.effects import ToolEffects
from clawkeep.risk import IDENTITY_FILES
from clawkeep.sandbox import (
    ExecPlacement,
    ExecResult,
    SandboxSpec,
    place_exec,
    protected_paths_for,
    spec_from_config,
)
from clawkeep.sandbox.pool import default_pool
from clawkeep.sandbox.secrets_mask import no_access_match
from clawkeep.skills import WORKSPACE_SKILLS
from clawkeep.tools._exec_ask import host_exec_ask
from clawkeep.tools._files import file_policy
from clawkeep.tools._host import run_on_host
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "ExecArgs", "Held", "Placed", "exec_placement", "execute", "prepare"]

_HOST_TIMEOUT = 60.0


class ExecArgs(ArgsModel):
    command: str = Field(min_length=1, max_length=64 * 1024)
    elevated: bool = False
    timeout: float | None = Field(default=None, gt=0, le=600)
    background: bool = False  # start and return at once; the process tool polls or kills it


def _background(args: ExecArgs, ctx: ToolContext, spec: SandboxSpec) -> ToolResult:
    jobs = ctx.services.jobs
    if jobs is None:
        return refuse("tools.process.unavailable", "no background job table is connected")

    async def run(cancel: threading.Event) -> str:
        job_spec = replace(spec, cancel=cancel)
        outcome = await default_pool().run_command(_lane(ctx), ctx.owner, args.command, job_spec)
        if isinstance(outcome, Deny):
            return f"refused ({outcome.reason}): {outcome.detail}"
        return _render(outcome).text

    job = jobs.start((ctx.agent.id, ctx.session_key), args.command, run)
    if isinstance(job, Deny):
        return refuse(job.reason, job.detail)
    return ToolResult(True, f"started background job {job.id}; poll it with the process tool")


def _lane(ctx: ToolContext) -> str:
    # Per sender, not per session: a second session of one stranger adds no commands
    # and no disk quota to what the first already has.
    return ctx.sender or ctx.session_key


def _secret_match(ctx: ToolContext) -> Callable[[str], bool]:
    return no_access_match(file_policy(ctx).patterns)  # the file guard's no_access names


def _render(result: ExecResult) -> ToolResult:
    parts = [f"exit code: {result.exit_code}"]
    if result.killed_reason:
        parts.append(f"stopped: {result.killed_reason}")
    if result.stdout:
        parts.append("stdout:\n" + result.stdout)
    if result.stderr:
        parts.append("stderr:\n" + result.stderr)
    return ToolResult(result.exit_code == 0, "\n".join(parts), untrusted=True, source="exec")


@dataclass(frozen=True)
class Held:
    """Host exec that needs the owner's approval first (``tools.exec.ask``); why, for them."""

    ask: str


@dataclass(frozen=True)
class Placed:
    """A command that passed placement and the command guard: where it runs, and how."""

    where: Literal["host", "sandbox"]
    spec: SandboxSpec | None = None  # None on the host


def exec_placement(
    config: RootConfig,
    agent: ResolvedAgent,
    policy: ToolPolicy,
    *,
    session_is_main: bool,
    elevated: bool = False,
) -> ExecPlacement | Deny:
    """Where an exec call of this turn would run, or why it may not run at all.

    The exec tool, `clawkeep sandbox exec` and `clawkeep policy explain` all ask this, so
    they cannot disagree.
    """
    if elevated and not policy.elevated_ok:
        return Deny("tools.exec.elevated_denied", policy.elevated_rule)
    placement = place_exec(
        mode=agent.sandbox.mode,
        security=config.tools.exec.security,
        session_is_main=session_is_main,
        elevated_requested=elevated,
        elevated_enabled=policy.elevated_ok,
    )
    if isinstance(placement, Deny):
        return placement
    if placement.where == "host" and not policy.elevated_ok:
        # Host exec is what tools.elevated gates; the policy layer says the same.
        return Deny("tools.exec.host_needs_elevated", policy.elevated_rule)
    return placement


def prepare(args: ExecArgs, ctx: ToolContext) -> Placed | Held | Deny:
    """Placement, the command guard and the sandbox spec: every decision before a process."""
    placement = exec_placement(
        ctx.config,
        ctx.agent,
        ctx.policy,
        session_is_main=ctx.session_is_main,
        elevated=args.elevated,
    )
    if isinstance(placement, Deny):
        return placement
    allowlist = (
        frozenset(ctx.config.tools.exec.safe_bins) if placement.security == "allowlist" else None
    )
    sandbox_egress = bool(ctx.agent.sandbox.egress and ctx.agent.sandbox.egress.allow_domains)
    home = ctx.services.home or Path(os.path.expanduser("~"))
    guard_ctx = context_from_config(
        ctx.config.guards.command,
        egress=placement.where == "sandbox" and sandbox_egress,  # host exec: no network
        workspace=ctx.agent.workspace,
        home=home,
        state_dir=ctx.paths.state_dir,
        only_commands=allowlist,  # allowlist mode: only tools.exec.safeBins may run
    )
    verdict = judge(args.command, guard_ctx)
    if not verdict.allowed:  # the command guard runs before any process exists
        return Deny(verdict.reason, verdict.detail)
    if placement.where == "host":
        ask = host_exec_ask(
            args.command, ctx.config.tools.exec.ask, ctx.config.tools.exec.safe_bins
        )
        if ask is not None and not ctx.approved:
            # Host exec the owner has not approved never starts: it waits for them.
            return Held(ask)
        if args.background:
            return Deny("tools.exec.background_host", "background jobs run in the sandbox only")
        return Placed("host")
    spec = spec_from_config(
        ctx.agent.sandbox,
        workspace=ctx.agent.workspace,
        protected_paths=protected_paths_for(ctx.paths.state_dir, ctx.paths.config_path, home),
        network_policy=policy_from_config(ctx.config.guards.network),  # egress per the config
        # The identity files stay read-only inside as they are for write/edit.
        readonly_files=() if ctx.config.guards.file.unlock_identity_files else IDENTITY_FILES,
        secret_match=_secret_match(ctx),  # no_access files are masked inside, never bound
    )
    if ctx.services.resolver is not None:  # the DNS seam (tests count the names asked)
        spec = replace(spec, egress_resolver=ctx.services.resolver)
    # skills/ is read-only inside too: no command installs or edits a skill. So are the
    # files git and VS Code run as code outside the sandbox (the file guard's read_only).
    spec = replace(spec, readonly_dirs=(WORKSPACE_SKILLS,), readonly_present=RUN_OUTSIDE)
    if args.timeout is not None and args.timeout < spec.limits.wall_seconds:
        # The model may shorten its own wall clock, never lengthen it past the config.
        spec = replace(spec, limits=replace(spec.limits, wall_seconds=args.timeout))
    return Placed("sandbox", spec)


async def execute(args: ExecArgs, ctx: ToolContext) -> ExecResult | Deny:
    """Decide (``prepare``) and run one foreground command; the agent's and the CLI's path."""
    return await _run_placed(args, ctx, prepare(args, ctx))


async def _run_placed(
    args: ExecArgs, ctx: ToolContext, placed: Placed | Held | Deny
) -> ExecResult | Deny:
    if isinstance(placed, Deny):
        return placed
    if isinstance(placed, Held):  # nothing runs on the host without the owner's yes
        return Deny("tools.exec.ask", f"held for the owner's approval: {placed.ask}")
    if placed.spec is None:
        timeout = args.timeout or _HOST_TIMEOUT
        return await asyncio.to_thread(run_on_host, args.command, ctx.agent.workspace, timeout)
    # Off the gateway's default executor: a stranger's slow command never delays the owner.
    return await default_pool().run_command(_lane(ctx), ctx.owner, args.command, placed.spec)


async def _run(args: ExecArgs, ctx: ToolContext) -> ToolResult:
    placed = prepare(args, ctx)
    if isinstance(placed, Deny):
        return refuse(placed.reason, placed.detail)
    if isinstance(placed, Held):
        return ToolResult(False, f"held: {placed.ask}", "tools.exec.ask", hold=placed.ask)
    if args.background:
        if placed.spec is None:  # prepare already refuses this; never run one on the host
            return refuse("tools.exec.background_host", "background jobs run in the sandbox only")
        return _background(args, ctx, placed.spec)
    outcome = await _run_placed(args, ctx, placed)
    if isinstance(outcome, Deny):
        return refuse(outcome.reason, outcome.detail)
    return _render(outcome)


TOOL = ToolDef(
    "exec",
    "Run a shell command in the agent's sandbox.",
    ExecArgs,
    _run,
    effects=ToolEffects(frozenset({"executes_code"}), selectors=("command",)),
)
