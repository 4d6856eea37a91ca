"""Which shapes start copies of themselves without end (fork bombs): a function that calls
itself in a pipeline or in the background, an endless loop that starts background jobs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._parse import Node
from clawkeep.guards.command_guard._walk_stages import commands_in

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["calls_itself", "spawn_loop"]

_SPAWN_LOOP = re.compile(
    r"^(while\s+(true|:|\[\s*1\s*\]|\(\(\s*1\s*\)\))|until\s+false)\s*;?\s*do\b.*[^&>]&(?![&>])",
    re.DOTALL,
)


def calls_itself(walker: Walker, body: Node, name: str) -> bool:
    """A function whose body starts itself in the background or in a pipeline."""
    if name.encode("utf-8", "surrogateescape") not in walker.src[body.start_byte : body.end_byte]:
        return False  # a command named so is spelled so in the body
    for cmd in commands_in(body):
        name_node = cmd.child_by_field_name("name")
        if name_node is None or walker.text(name_node) != name:
            continue
        parent = cmd.parent
        while parent is not None and parent is not body:
            if parent.type == "pipeline":
                return True
            parent = parent.parent
        after = cmd.next_sibling
        if after is not None and after.type == "&":
            return True
    return False


def spawn_loop(w: Walker, node: Node) -> bool:
    """``while true; do cmd & done``: flagged (True) when the loop starts copies endlessly."""
    if _SPAWN_LOOP.match(w.text(node)):
        w.flag("fork_bomb", "an endless loop starts background processes")
        return True
    return False
