"""`clawkeep guard url|path|command|text`: ask one guard for its verdict."""

from __future__ import annotations

import click

from clawkeep.cli.guard_command import command
from clawkeep.cli.guard_path import path
from clawkeep.cli.guard_text import text
from clawkeep.cli.guard_url import url

__all__ = ["guard"]


@click.group()
def guard() -> None:
    """Ask a guard what it would decide (exit 0 allow, 1 block)."""


guard.add_command(url)
guard.add_command(path)
guard.add_command(text)
guard.add_command(command)
