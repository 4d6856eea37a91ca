"""A click group whose sub-commands are imported only when one of them runs.

``--help`` lists every command from a short line kept beside its import path, so the
top-level help imports no command module (some pull in the whole config schema).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

__all__ = ["lazy_group"]


Entry = str | tuple[str, str]  # "module:attribute", or that and the short help line


def lazy_group(commands: dict[str, str] | dict[str, tuple[str, str]]) -> type[click.Group]:
    """A Group class that loads ``name -> "module:attribute"`` (or ``(target, short help)``)
    on demand; without a short help line, ``--help`` imports the command to show its own."""
    table: dict[str, Entry] = dict(commands)

    class _LazyGroup(click.Group):
        def list_commands(self, ctx: click.Context) -> list[str]:
            return sorted(set(super().list_commands(ctx)) | set(table))

        def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
            entry = table.get(cmd_name)
            if entry is None:
                return super().get_command(ctx, cmd_name)
            target = entry if isinstance(entry, str) else entry[0]
            module_name, attr = target.split(":")
            command: Any = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command

        def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
            rows = []
            for name in sorted(table):
                entry = table[name]
                if isinstance(entry, str):
                    cmd = self.get_command(ctx, name)
                    short = cmd.get_short_help_str(formatter.width) if cmd is not None else ""
                else:
                    short = entry[1]
                rows.append((name, short))
            if rows:
                with formatter.section("Commands"):
                    formatter.write_dl(rows)

    return _LazyGroup
