"""`clawkeep sandbox exec --agent A -- CMD...`: run one command exactly as agent A's exec
tool would, so an operator can see what its sandbox allows.

Exit status: the command's own status; 1 when clawkeep refused or killed it (the reason
code on stderr); 2 for bad usage or an invalid config.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

import click

from clawkeep.config import ConfigError, load_config, resolve_paths
from clawkeep.config.agents import ResolvedAgent, find_agent
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.guards.network_guard import policy_from_config
from clawkeep.sandbox import (
    ExecResult,
    place_exec,
    protected_paths_for,
    run_sandboxed,
    spec_from_config,
)

__all__ = ["sandbox"]


@click.group()
def sandbox() -> None:
    """Inspect and try the sandbox agents' commands run in."""


def _refuse(decision: Deny, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"refused": decision.reason, "detail": decision.detail}))
    click.echo(f"refused: {decision.reason}: {decision.detail}", err=True)
    sys.exit(1)


def _placement_refusal(root: RootConfig, agent: ResolvedAgent, main_session: bool) -> Deny | None:
    elevated = agent.tools.elevated or root.tools.elevated
    placed = place_exec(
        mode=agent.sandbox.mode,
        security=root.tools.exec.security,
        session_is_main=main_session,
        elevated_enabled=elevated.enabled,
    )
    if isinstance(placed, Deny):
        return placed
    if placed.where == "host":
        return Deny(placed.reason, f"agent {agent.id}'s exec runs on the host, not in a sandbox")
    return None


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
    refusal = None if sandbox_only else _placement_refusal(loaded.config, agent, main_session)
    if refusal is not None:
        _refuse(refusal, as_json)
    spec = spec_from_config(
        agent.sandbox,
        workspace=agent.workspace,
        protected_paths=protected_paths_for(paths.state_dir, paths.config_path, Path.home()),
        network_policy=policy_from_config(loaded.config.guards.network),
    )
    result = run_sandboxed(list(command), spec)
    if isinstance(result, Deny):
        _refuse(result, as_json)
    else:
        sys.exit(_render(result, as_json))
