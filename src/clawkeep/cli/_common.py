"""Options and helpers every command shares: which install, and config errors as exit 2."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from clawkeep.config import ConfigError, InstallPaths, resolve_paths

__all__ = ["config_options", "fail_config", "install_paths", "require_named_config"]

F = TypeVar("F", bound=Callable[..., Any])


def config_options(fn: F) -> F:
    """`--config PATH` and `--openclaw` (read an OpenClaw install instead)."""
    fn = click.option(
        "--openclaw",
        is_flag=True,
        help="Read OpenClaw's openclaw.json (~/.openclaw, OPENCLAW_STATE_DIR/CONFIG_PATH).",
    )(fn)
    fn = click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Config file (default: $CLAWKEEP_CONFIG_PATH or ~/.clawkeep/clawkeep.json).",
    )(fn)
    return fn


def install_paths(config_path: Path | None, openclaw: bool) -> InstallPaths:
    """The install the flags name."""
    return resolve_paths(
        os.environ, config=config_path, flavor="openclaw" if openclaw else "clawkeep"
    )


def fail_config(error: ConfigError) -> None:
    """Print a config error's sentences on stderr and exit 2."""
    click.echo("clawkeep: the config cannot be used:", err=True)
    for issue in error.issues:
        click.echo(f"  {issue.sentence()}", err=True)
    raise SystemExit(2)


def require_named_config(config_path: Path | None) -> None:
    """Exit 2 when ``--config`` names a file that does not exist.

    Auditing (or starting with) the embedded defaults instead would report a clean bill of
    health for a file nobody looked at, and `gateway run` would create folders beside it.
    """
    if config_path is None or config_path.is_file():
        return
    what = "is not a file" if config_path.exists() else "does not exist"
    click.echo(f"clawkeep: the config file {config_path} {what}.", err=True)
    click.echo("  Hint: check the path given to --config (or leave it out).", err=True)
    raise SystemExit(2)
