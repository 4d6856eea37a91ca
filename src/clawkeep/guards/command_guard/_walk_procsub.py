"""What the commands inside an output process substitution read: ``tee >(sh)`` hands
``sh`` every line ``tee`` copies, ``curl -o >(sh) URL`` hands it the download. The command
given ``>(…)`` as a file writes there what it would print, so the substitution's first
command reads that, as the next stage of a pipeline would (``echo 'rm -rf ~' | tee >(sh)``
is judged as ``echo 'rm -rf ~' | sh``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Stdin
from clawkeep.guards.command_guard._parse import Node

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["visit_output_subst"]


def visit_output_subst(w: Walker, subst: Node, command: Node, stdin: Stdin | None) -> bool:
    """Walk ``subst`` when it is ``>(…)``, fed what ``command`` writes; False otherwise."""
    if not w.text(subst).startswith(">("):
        return False
    from clawkeep.guards.command_guard._walk_stages import producer, stage_name
    from clawkeep.guards.command_guard._walk_tree import visit_node

    fed = stdin.text if stdin is not None else None
    written = producer(w, command, stage_name(w, command), fed=fed)
    carried = stdin.kinds if stdin is not None else frozenset()
    saved, w.pending_stdin = w.pending_stdin, Stdin(written.kinds | carried, written.text)
    try:
        visit_node(w, subst)
    finally:
        w.pending_stdin = saved
    return True
