"""`clawkeep gateway run`: the gateway in the foreground."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from clawkeep.cli._common import (
    config_options,
    fail_config,
    install_paths,
    require_named_config,
)
from clawkeep.config import ConfigError

__all__ = ["gateway"]


@click.group()
def gateway() -> None:
    """The HTTP + WebSocket gateway.

    Example: clawkeep gateway run --port 18789
    """


@gateway.command("run")
@config_options
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Override gateway.port.")
def run(config_path: Path | None, openclaw: bool, port: int | None) -> None:
    """Start the gateway (foreground); SIGTERM stops it cleanly."""
    from clawkeep.compose import build_wiring
    from clawkeep.gateway.runner import EXIT_RESTART, run_gateway

    require_named_config(config_path)
    paths = install_paths(config_path, openclaw)

    def echo(line: str) -> None:
        click.echo(line, err=line.startswith("clawkeep:"))
        sys.stdout.flush()

    try:
        status = run_gateway(paths, os.environ, port=port, echo=echo, wiring=build_wiring)
    except ConfigError as exc:
        fail_config(exc)
        return
    if status == EXIT_RESTART:
        # Same interpreter, same arguments: the new process reads the (new) config again.
        os.execv(sys.executable, [sys.executable, "-m", "clawkeep", *sys.argv[1:]])  # noqa: S606
    raise SystemExit(status)
