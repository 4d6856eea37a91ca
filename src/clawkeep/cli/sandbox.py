"""`clawkeep sandbox exec --agent A -- CMD...`: run one command exactly as agent A's exec
tool would, so an operator can see what its sandbox allows.

It is the exec tool's own path (`clawkeep.tools.exec.execute`): the tool policy, placement,
the command guard, the identity files read-only, the same sandbox spec. It never runs on
the host: the CLI has no sender, so elevated host exec is never allowed.
One argument is the shell command as the agent would write it (``-- 'ls | wc -l'``);
several are quoted into one (``-- sh -c 'id -u'``).

Exit status: the command's own status; 1 when clawkeep refused or killed it (the reason
code on stderr); 2 for bad usage or an invalid config.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import shlex
import sys
from pathlib import Path

import click
from pydantic import ValidationError

from clawkeep.config import ConfigError, InstallPaths, load_config, resolve_paths
from clawkeep.config.agents import ResolvedAgent, find_agent
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.policy import PolicyContext, resolve_policy
from clawkeep.sandbox import ExecResult
from clawkeep.tools import ToolContext, main_key
from clawkeep.tools.exec import ExecArgs, execute
from clawkeep.tools.registry import NATIVE_TOOLS

__all__ = ["sandbox"]


@click.group()
def sandbox() -> None:
    """Inspect and try the sandbox agents' commands run in.

    Example: clawkeep sandbox exec --agent main -- 'ls -la'
    """


def _refuse(decision: Deny, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"refused": decision.reason, "detail": decision.detail}))
    click.echo(f"refused: {decision.reason}: {decision.detail}", err=True)
    sys.exit(1)


def _sandbox_only(root: RootConfig, agent: ResolvedAgent) -> tuple[RootConfig, ResolvedAgent]:
    """The agent with its exec placed in its sandbox whatever its policy says; the command
    guard, the identity files and the spec stay exactly the agent's."""
    box = agent.sandbox.model_copy(update={"mode": "all"})
    exec_cfg = root.tools.exec
    if exec_cfg.security == "deny":
        exec_cfg = exec_cfg.model_copy(update={"security": "full"})
    tools = root.tools.model_copy(update={"exec": exec_cfg})
    return root.model_copy(update={"tools": tools}), dataclasses.replace(agent, sandbox=box)


def _context(
    root: RootConfig, paths: InstallPaths, agent: ResolvedAgent, main_session: bool
) -> ToolContext:
    """The exec tool's context for a turn of ``agent`` with no sender (never elevated)."""
    session_key = main_key(agent.id) if main_session else f"agent:{agent.id}:cli:sandbox-exec"
    mode = agent.sandbox.mode or "all"
    sandboxed = mode != "off" and (mode == "all" or not main_session)
    names = frozenset(NATIVE_TOOLS)
    policy = resolve_policy(
        root, PolicyContext(agent_id=agent.id, sandboxed=sandboxed), implemented=names
    )
    # No sender, no elevation: whatever allowFrom lists, this command never runs on the host.
    policy = dataclasses.replace(
        policy, elevated_ok=False, elevated_rule="clawkeep sandbox exec runs in the sandbox only"
    )
    return ToolContext(
        agent=agent,
        session_key=session_key,
        config=root,
        paths=paths,
        policy=policy,
        sandboxed=sandboxed,
        session_is_main=main_session,
    )


def _render(result: ExecResult, as_json: bool) -> int:
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(result)))
    else:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        if result.truncated:
            click.echo("sandbox: output truncated at the limit", err=True)
        if result.killed_reason:
            click.echo(f"sandbox: killed: {result.killed_reason}", err=True)
    if result.killed_reason or result.exit_code is None:
        return 1
    return result.exit_code if result.exit_code >= 0 else 1


@sandbox.command("exec", context_settings={"ignore_unknown_options": True})
@click.option("--agent", "agent_id", required=True, help="The agent whose sandbox to use.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("--main-session", is_flag=True, help="As in the agent's main session.")
@click.option(
    "--sandbox-only",
    is_flag=True,
    help="Run in the agent's sandbox even where its exec policy would refuse.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
def exec_(
    agent_id: str,
    config_path: Path | None,
    main_session: bool,
    sandbox_only: bool,
    as_json: bool,
    command: tuple[str, ...],
) -> None:
    """Run COMMAND in agent AGENT's sandbox (put it after `--`)."""
    paths = resolve_paths(os.environ, config=config_path)
    try:
        loaded = load_config(paths)
    except ConfigError as exc:
        click.echo(f"invalid config: {exc}", err=True)
        sys.exit(2)
    agent = find_agent(loaded.config, paths, agent_id)
    if agent is None:
        click.echo(f"no agent {agent_id!r} in {paths.config_path}", err=True)
        sys.exit(2)
    line = command[0] if len(command) == 1 else shlex.join(command)
    try:
        args = ExecArgs(command=line)
    except ValidationError as exc:
        click.echo(f"bad command: {exc.errors()[0].get('msg', 'invalid')}", err=True)
        sys.exit(2)
    root = loaded.config
    if sandbox_only:
        root, agent = _sandbox_only(root, agent)
    ctx = _context(root, paths, agent, main_session)
    verdict = ctx.policy.decide("exec")
    if not sandbox_only and (not verdict.allowed or "exec" not in ctx.policy.offered):
        # The same decision the agent's dispatcher makes before the tool is reached.
        reason = verdict.reason if not verdict.allowed else "tools.not_implemented"
        _refuse(Deny(reason, f"agent {agent.id}'s tool policy does not offer exec"), as_json)
    result = asyncio.run(execute(args, ctx))
    if isinstance(result, Deny):
        _refuse(result, as_json)
    else:
        sys.exit(_render(result, as_json))
