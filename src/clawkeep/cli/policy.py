"""`clawkeep policy explain`: the turn's decision for one agent and tool, with the layer
and the config rule that made it. It asks ``clawkeep.agents.explain`` (the turn's own
policy, sandbox and exec placement), so it says what a turn would do.
Exit 0 allowed, 1 refused, 2 bad usage/config.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, load_config
from clawkeep.config.agents import find_agent
from clawkeep.policy import ToolVerdict

__all__ = ["policy"]


@click.group()
def policy() -> None:
    """Ask the tool policy what it decides, and why.

    Example: clawkeep policy explain --agent main --tool exec
    """


def _render(verdict: ToolVerdict, offered: frozenset[str], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({**verdict.as_dict(), "offered": sorted(offered)}))
        return
    word = "allowed" if verdict.allowed else "refused"
    click.echo(f"{verdict.tool}: {word} ({verdict.reason})")
    if verdict.layer:
        click.echo(f"  layer: {verdict.layer}")
    if verdict.rule:
        click.echo(f"  rule:  {verdict.rule}")
    if verdict.detail:
        click.echo(f"  note:  {verdict.detail}")


@policy.command()
@config_options
@click.option("--agent", "agent_id", required=True, help="Agent id (agents.list[].id).")
@click.option("--tool", "tool", required=True, help="Tool name as a model would call it.")
@click.option("--channel", default=None, help="Channel the turn comes from.")
@click.option("--group", default=None, help="Group id (applies channels.<c>.groups tools).")
@click.option("--sender", default=None, help="Sender id (for tools.elevated.allowFrom).")
@click.option("--main-session", is_flag=True, help="Judge the agent's main session.")
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
def explain(
    config_path: Path | None,
    openclaw: bool,
    agent_id: str,
    tool: str,
    channel: str | None,
    group: str | None,
    sender: str | None,
    main_session: bool,
    as_json: bool,
) -> None:
    """Which layer allows or refuses TOOL for AGENT, and which rule decided."""
    paths = install_paths(config_path, openclaw)
    try:
        config = load_config(paths).config
    except ConfigError as exc:
        fail_config(exc)
        return
    agent = find_agent(config, paths, agent_id)
    if agent is None:
        click.echo(f"clawkeep: no agent {agent_id!r} in {paths.config_path}", err=True)
        raise SystemExit(2)
    from clawkeep.agents.explain import explain_tool

    verdict, offered = explain_tool(
        config,
        agent,
        tool,
        channel=channel,
        group=group,
        sender=sender,
        main_session=main_session,
    )
    _render(verdict, offered, as_json)
    raise SystemExit(0 if verdict.allowed else 1)
