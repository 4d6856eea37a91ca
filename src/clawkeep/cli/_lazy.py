"""A click group whose sub-commands are imported only when one of them runs."""

from __future__ import annotations

import importlib
from typing import Any

import click

__all__ = ["lazy_group"]


def lazy_group(commands: dict[str, str]) -> type[click.Group]:
    """A Group class that loads ``name -> "module:attribute"`` commands on demand."""

    class _LazyGroup(click.Group):
        def list_commands(self, ctx: click.Context) -> list[str]:
            return sorted(set(super().list_commands(ctx)) | set(commands))

        def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
            target = commands.get(cmd_name)
            if target is None:
                return super().get_command(ctx, cmd_name)
            module_name, attr = target.split(":")
            command: Any = getattr(importlib.import_module(module_name), attr)
            assert isinstance(command, click.Command)
            return command

    return _LazyGroup
