"""Which syntax-tree nodes hold no command, so the walk need not descend into them: a leaf
of a kind that is not judged as itself, and a word (a string, an expansion, a command
name ...) without a substitution, the only way a word holds a command: ``$(…)``,
backticks, ``<(…)``, ``>(…)``.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._parse import Node

__all__ = ["WALKED", "holds_no_command"]

# The kinds visit_node judges as themselves; any other kind only through its children.
WALKED = frozenset({"command", "redirected_statement", "pipeline", "function_definition"})
WALKED |= frozenset({"variable_assignment", "while_statement", "until_statement", "subshell"})
WALKED |= frozenset({"command_substitution", "process_substitution", "for_statement"})
WALKED |= frozenset({"if_statement", "case_statement", "declaration_command", "unset_command"})

_WORDS = frozenset({"word", "command_name", "concatenation", "string", "raw_string", "number"})
_WORDS |= frozenset({"simple_expansion", "expansion", "string_content", "ansi_c_string"})
_SUBSTITUTION = re.compile(rb"\$\(|`|[<>]\(")


def holds_no_command(node: Node, src: bytes) -> bool:
    """A leaf of a kind not walked (a plain word, a number, a comment), or a word whose
    text (in ``src``, the source the node was parsed from) has no substitution."""
    kind = node.type
    if not node.named_child_count and kind not in WALKED:
        return True
    if kind not in _WORDS:
        return False
    start, end = node.start_byte, node.end_byte
    if src.find(b"(", start, end) < 0 and src.find(b"`", start, end) < 0:
        return True  # every substitution spells a `(` or a backtick
    return _SUBSTITUTION.search(src, start, end) is None
