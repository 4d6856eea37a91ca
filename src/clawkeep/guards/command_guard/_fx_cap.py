"""How many commands of a file the line wrote (a Makefile, a justfile, a CMakeLists.txt,
a tox.ini ...), or lines a read loop is fed, are judged one by one: at most
``MAX_COMMANDS``. More is refused as too long to judge: the ones past the cap would run
unjudged. And how often one loop body is walked again, the loops around it multiplied in:
past ``MAX_WALKS`` walks or ``MAX_WALKED`` characters the line is refused, so that loops
nested in a short line cannot keep the guard busy for minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["MAX_COMMANDS", "MAX_WALKED", "MAX_WALKS", "judged", "walks"]

MAX_COMMANDS = 64
MAX_WALKS = 4096  # walks of one loop body, the loops around it multiplied in
MAX_WALKED = 262_144  # characters of one loop body walked again, the loops around it too
T = TypeVar("T")


def judged(commands: list[T], where: str, w: Walker) -> list[T]:
    """The first ``MAX_COMMANDS`` of ``commands``; a refusal when there are more."""
    if len(commands) > MAX_COMMANDS:
        # dynamic_command: the commands past the cap would run without being judged
        w.flag("dynamic_command", f"{where}: more than {MAX_COMMANDS} to judge one by one")
    return commands[:MAX_COMMANDS]


@contextmanager
def walks(w: Walker, items: list[T], size: int, where: str) -> Iterator[list[T]]:
    """The items a loop body of ``size`` characters is walked for, one walk each, inside
    the loops around it: all of them, or past the caps the first alone and a refusal."""
    times = w.repeat * len(items)
    if len(items) > 1 and (times > MAX_WALKS or times * size > MAX_WALKED):
        # too_many_paths: each loop alone is judged whole, but nested they multiply (eight
        # loops of eight values in 300 characters walk 16 million bodies); fail closed
        w.flag("too_many_paths", f"{where}: loops inside loops walk one body too often")
        items = items[:1]
    saved = w.repeat
    w.repeat = saved * max(len(items), 1)
    try:
        yield items
    finally:
        w.repeat = saved
