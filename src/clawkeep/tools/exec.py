"""exec: run a shell command where the sandbox placement says, after the command guard.

Order: placement (`tools.exec.security`, sandbox mode, elevated) -> command guard ->
sandbox (or, only with elevated host exec allowed by the policy, the host). Any missing
piece refuses; nothing runs unguarded.
"""

from __future__ import annotations

import asyncio
import os
import threading
from dataclasses import replace
from pathlib import Path

from pydantic import Field

from clawkeep.decision import Deny
from clawkeep.guards.command_guard import context_from_config, judge
from clawkeep.guards.network_guard import policy_from_config
from clawkeep.policy.effects import ToolEffects
from clawkeep.risk import IDENTITY_FILES
from clawkeep.sandbox import (
    ExecResult,
    SandboxSpec,
    place_exec,
    protected_paths_for,
    run_sandboxed,
    spec_from_config,
)
from clawkeep.tools._exec_ask import host_exec_ask
from clawkeep.tools._host import run_on_host
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "ExecArgs"]

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
        outcome = await asyncio.to_thread(run_sandboxed, args.command, replace(spec, cancel=cancel))
        if isinstance(outcome, Deny):
            return f"refused ({outcome.reason}): {outcome.detail}"
        return _render(outcome).text

    job = jobs.start((ctx.agent.id, ctx.session_key), args.command, run)
    if isinstance(job, Deny):
        return refuse(job.reason, job.detail)
    return ToolResult(True, f"started background job {job.id}; poll it with the process tool")


def _render(result: ExecResult) -> ToolResult:
    parts = [f"exit code: {result.exit_code}"]
    if result.killed_reason:
        parts.append(f"stopped: {result.killed_reason}")
    if result.stdout:
        parts.append("stdout:\n" + result.stdout)
    if result.stderr:
        parts.append("stderr:\n" + result.stderr)
    return ToolResult(result.exit_code == 0, "\n".join(parts), untrusted=True, source="exec")


async def _run(args: ExecArgs, ctx: ToolContext) -> ToolResult:
    if args.elevated and not ctx.policy.elevated_ok:
        return refuse("tools.exec.elevated_denied", ctx.policy.elevated_rule)
    placement = place_exec(
        mode=ctx.agent.sandbox.mode,
        security=ctx.config.tools.exec.security,
        session_is_main=ctx.session_is_main,
        elevated_requested=args.elevated,
        elevated_enabled=ctx.policy.elevated_ok,
    )
    if isinstance(placement, Deny):
        return refuse(placement.reason, placement.detail)
    allowlist = (
        frozenset(ctx.config.tools.exec.safe_bins) if placement.security == "allowlist" else None
    )
    if placement.where == "host" and not ctx.policy.elevated_ok:
        # Host exec is what tools.elevated gates; the policy layer says the same.
        return refuse("tools.exec.host_needs_elevated", ctx.policy.elevated_rule)
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
        return refuse(verdict.reason, verdict.detail)
    if placement.where == "host":
        ask = host_exec_ask(
            args.command, ctx.config.tools.exec.ask, ctx.config.tools.exec.safe_bins
        )
        if ask is not None and not ctx.approved:
            # Host exec the owner has not approved never starts: it waits for them.
            return ToolResult(False, f"held: {ask}", "tools.exec.ask", hold=ask)
        if args.background:
            return refuse("tools.exec.background_host", "background jobs run in the sandbox only")
        timeout = args.timeout or _HOST_TIMEOUT
        result = await asyncio.to_thread(run_on_host, args.command, ctx.agent.workspace, timeout)
        return _render(result)
    spec = spec_from_config(
        ctx.agent.sandbox,
        workspace=ctx.agent.workspace,
        protected_paths=protected_paths_for(ctx.paths.state_dir, ctx.paths.config_path, home),
        network_policy=policy_from_config(ctx.config.guards.network),  # egress per the config
        # The identity files stay read-only inside as they are for write/edit.
        readonly_files=() if ctx.config.guards.file.unlock_identity_files else IDENTITY_FILES,
    )
    if args.timeout is not None and args.timeout < spec.limits.wall_seconds:
        # The model may shorten its own wall clock, never lengthen it past the config.
        spec = replace(spec, limits=replace(spec.limits, wall_seconds=args.timeout))
    if args.background:
        return _background(args, ctx, spec)
    outcome = await asyncio.to_thread(run_sandboxed, args.command, spec)
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
