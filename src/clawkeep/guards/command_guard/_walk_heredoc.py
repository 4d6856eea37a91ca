"""What a here-document's line carries besides its text.

The grammar hangs what follows ``<<EOF`` on its line under the here-document itself:
``cat <<EOF > ~/.bashrc`` puts the file redirect there, and ``cat <<EOF | sh`` the rest
of the pipeline. The redirect is the command's like any other (the write is judged, with
the document as the text written), and the pipeline's next stage reads what the command
prints: the document (some of its lines) for ``cat``, ``sort``, ``grep`` and the like, text
changed by code the guard does not follow for ``awk``, ``sed`` and the like, else text
known only at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Redirect, Stdin, command_name
from clawkeep.guards.command_guard._walk_stages import reads_text

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._parse import Node
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["heredoc"]

_OWN = frozenset({"heredoc_start", "heredoc_body", "heredoc_end"})


def heredoc(
    w: Walker,
    node: Node,
    redirects: Callable[[Walker, list[Node]], list[Redirect]],
    nested: Callable[[Walker, Node], None],
) -> list[Redirect]:
    """The document as a ``<<`` redirect, then the redirects on its line; its stages run."""
    from clawkeep.guards.command_guard._walk_tree import visit_node

    body = next((c for c in node.named_children if c.type == "heredoc_body"), None)
    text = w.text(body) if body is not None else ""
    if body is not None:
        nested(w, body)  # $(…) in an unquoted document runs
    tail = [c for c in node.named_children if c.type not in _OWN]
    out = [Redirect("<<", None, text), *redirects(w, [c for c in tail if "redirect" in c.type])]
    stages = [c for c in tail if "redirect" not in c.type]
    if stages:
        saved = w.pending_stdin
        kinds, printed = reads_text(_reader(w, node), text)
        w.pending_stdin = Stdin(frozenset(kinds), printed)
        try:
            with w.child_shell():  # the next stage of a pipeline: a subshell
                for stage in stages:
                    visit_node(w, stage)
        finally:
            w.pending_stdin = saved
    return out


def _reader(w: Walker, node: Node) -> str:
    """The program that reads the document (``cat``, ``sort``, ``awk …``)."""
    parent = node.parent
    command = parent.child_by_field_name("body") if parent is not None else None
    words = w.text(command).split() if command is not None else []
    return command_name(words[0]) if words else ""
