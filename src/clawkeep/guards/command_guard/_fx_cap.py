"""How many commands of a file the line wrote (a Makefile, a justfile, a CMakeLists.txt,
a tox.ini ...), or lines a read loop is fed, are judged one by one: at most
``MAX_COMMANDS``. More is refused as too long to judge: the ones past the cap would run
unjudged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["MAX_COMMANDS", "judged"]

MAX_COMMANDS = 64
T = TypeVar("T")


def judged(commands: list[T], where: str, w: Walker) -> list[T]:
    """The first ``MAX_COMMANDS`` of ``commands``; a refusal when there are more."""
    if len(commands) > MAX_COMMANDS:
        # dynamic_command: the commands past the cap would run without being judged
        w.flag("dynamic_command", f"{where}: more than {MAX_COMMANDS} to judge one by one")
    return commands[:MAX_COMMANDS]
