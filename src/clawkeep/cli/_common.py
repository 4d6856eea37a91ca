"""Options and helpers every command shares: which install, and config errors as exit 2."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from clawkeep.config import ConfigError, InstallPaths, resolve_paths

__all__ = ["config_options", "fail_config", "install_paths"]

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
