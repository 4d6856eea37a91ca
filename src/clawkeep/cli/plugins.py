"""`clawkeep plugins list|info|enable|disable`: which plugins would start, and why.

Nothing here starts a plugin: list and info show the decision the gateway would make
(`plugins.allow`, `enabled`, `plugins.deny`, the path checks) and, for info, the code
scan of its folder. enable adds the id to `plugins.allow` and sets its entry's `enabled`;
disable sets `enabled: false`. Exit 0 done, 1 refused, 2 bad usage or invalid config.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, LoadedConfig, load_config

__all__ = ["plugins"]


def _load(config_path: Path | None, openclaw: bool) -> LoadedConfig:
    try:
        return load_config(install_paths(config_path, openclaw))
    except ConfigError as exc:
        fail_config(exc)
        raise  # unreachable: fail_config exits


def _row(loaded: LoadedConfig, plugin_id: str) -> dict[str, Any]:
    from clawkeep.decision import Allow, Deny
    from clawkeep.plugins.gate import may_start
    from clawkeep.plugins.manifest import resolve_launch

    decision = may_start(loaded.config, plugin_id)
    launch = resolve_launch(loaded.config, loaded.paths, plugin_id)
    row: dict[str, Any] = {"id": plugin_id, "starts": False, "reason": decision.reason}
    if isinstance(launch, Deny):
        row.update(problem=launch.reason, detail=launch.detail)
        if isinstance(decision, Allow):
            row["reason"] = launch.reason  # allowed, but refused at start
        return row
    row.update(
        starts=isinstance(decision, Allow),
        command=list(launch.argv),
        folder=str(launch.folder) if launch.folder else None,
        hosts=list(launch.hosts),
        config_keys=sorted(launch.config),  # names only: values may be secrets
    )
    return row


@click.group()
def plugins() -> None:
    """MCP tool-server plugins: what is installed, allowed, and would start.

    Example: clawkeep plugins info weather
    """


@plugins.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@config_options
def list_(as_json: bool, config_path: Path | None, openclaw: bool) -> None:
    """Every plugin the config or extensions/ names, and whether it would start."""
    from clawkeep.plugins.host import candidate_ids

    loaded = _load(config_path, openclaw)
    rows = [_row(loaded, pid) for pid in candidate_ids(loaded.config, loaded.paths)]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo(f"no plugins (none in plugins.entries, none in {loaded.paths.extensions_dir})")
    for row in rows:
        state = "starts" if row["starts"] else "off"
        net = f"  network: {', '.join(row['hosts'])}" if row.get("hosts") else ""
        click.echo(f"{row['id']:<24} {state:<7} {row['reason']}{net}")


@plugins.command("info")
@click.argument("plugin_id")
@config_options
def info(plugin_id: str, config_path: Path | None, openclaw: bool) -> None:
    """The decision for one plugin, how it would run, and the code scan of its folder."""
    from clawkeep.plugins.code_safety import scan_plugins

    loaded = _load(config_path, openclaw)
    row = _row(loaded, plugin_id)
    for key, value in row.items():
        click.echo(f"{key}: {value}")
    folder = row.get("folder")
    if folder:
        found = scan_plugins(Path(folder))
        click.echo(f"code scan: {len(found)} finding(s)")
        for f in found:
            click.echo(f"  [{f.severity}] {f.check_id} {f.path}:{f.line} {f.detail}")


def _edit(loaded: LoadedConfig, edits: list[tuple[tuple[str, ...], Any]]) -> None:
    from clawkeep.config.edit import ConfigEdit, EditError, apply_edits

    try:
        apply_edits(loaded.paths.config_path, [ConfigEdit(p, v) for p, v in edits])
    except (EditError, OSError) as exc:
        click.echo(f"clawkeep: {loaded.paths.config_path} was not changed: {exc}", err=True)
        raise SystemExit(1) from None


@plugins.command("enable")
@click.argument("plugin_id")
@config_options
def enable(plugin_id: str, config_path: Path | None, openclaw: bool) -> None:
    """Add PLUGIN_ID to plugins.allow and set its entry enabled (both are needed)."""
    from clawkeep.plugins.gate import PLUGIN_ID

    loaded = _load(config_path, openclaw)
    if not PLUGIN_ID.fullmatch(plugin_id):
        click.echo(f"clawkeep: {plugin_id!r} is not a plugin id (a-z, 0-9, '-')", err=True)
        raise SystemExit(2)
    allow = list(loaded.config.plugins.allow or ())
    if plugin_id not in allow:
        allow.append(plugin_id)
    enabled = (("plugins", "entries", plugin_id, "enabled"), True)
    _edit(loaded, [(("plugins", "allow"), allow), enabled])
    click.echo(f"{plugin_id}: allowed and enabled; it starts with the next gateway start")
    if plugin_id in loaded.config.plugins.deny:
        click.echo(f"note: {plugin_id} is also in plugins.deny, which wins; remove it there")


@plugins.command("disable")
@click.argument("plugin_id")
@config_options
def disable(plugin_id: str, config_path: Path | None, openclaw: bool) -> None:
    """Set plugins.entries.PLUGIN_ID.enabled to false: it never starts."""
    loaded = _load(config_path, openclaw)
    _edit(loaded, [(("plugins", "entries", plugin_id, "enabled"), False)])
    click.echo(f"{plugin_id}: disabled")
