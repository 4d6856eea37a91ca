"""What a pipeline stage that is itself a group prints to the next stage: a pipeline the
grammar wraps in a redirect (``echo … | cat 2>/dev/null | sh``), a subshell (``(echo
'rm -rf ~') | sh``) or a brace group (``{ echo …; cat; } | sh``). A nested pipeline's
stages feed each other; a group prints what its statements print, in order: the text the
line wrote is judged wherever it lands among lines only the run knows (``(date; echo
'rm -rf ~') | sh`` still runs ``rm``). The group's input goes to each statement that
reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Stdin
from clawkeep.guards.command_guard._parse import Node

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["GROUPS", "grouped"]

GROUPS = frozenset({"pipeline", "subshell", "compound_statement"})

Producer = Callable[..., Stdin]
Namer = Callable[["Walker", Node], str]


def grouped(
    walker: Walker, body: Node, fed: str | None, inner: bool, producer: Producer, name: Namer
) -> Stdin:
    """The output of a pipeline, subshell or brace group that is one stage of another."""
    children = [
        c for c in body.named_children if c.type != "comment" and not c.type.endswith("redirect")
    ]
    carried: set[str] = set()
    if body.type == "pipeline":
        out = Stdin(frozenset(), fed)
        for stage in children:
            out = producer(walker, stage, name(walker, stage), inner=inner, fed=out.text)
            carried |= out.kinds
        return Stdin(frozenset(carried), out.text)
    texts: list[str] = []
    for child in children:
        out = producer(walker, child, name(walker, child), inner=inner, fed=fed)
        carried |= out.kinds
        if out.text is not None:
            texts.append(out.text)
    # `(date; echo 'rm -rf ~') | sh`: the lines the line wrote reach the shell among
    # lines only the run knows, and are judged; a group with none known stays unknown
    return Stdin(frozenset(carried), "".join(texts) if texts else None)
