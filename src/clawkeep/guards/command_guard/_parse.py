"""Parsing shell text with the real bash grammar; what counts as unparseable.

Input with a syntax error is refused, with one exception: an unterminated quote at the
very end. bash refuses to run that last command, and what runs before it is judged on
the text with the quote closed, which executes a superset of what bash would.
"""

from __future__ import annotations

from functools import cache

import tree_sitter
import tree_sitter_bash

__all__ = ["Node", "parse"]

Node = tree_sitter.Node


@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))


def _clean(text: str) -> tuple[Node, bytes] | None:
    source = text.encode("utf-8", "surrogatepass")
    root = _parser().parse(source).root_node
    if root.has_error:  # ERROR and MISSING nodes both set has_error
        return None
    return root, source


def parse(text: str) -> tuple[Node, bytes] | None:
    """The syntax tree and source bytes, or None when bash would not accept the text."""
    if "\x00" in text:
        return None  # NUL cannot appear in a bash command line: the text is not shell
    parsed = _clean(text)
    if parsed is not None:
        return parsed
    for closing in ('"', "'"):
        # An unterminated trailing quote: bash runs nothing of the final command.
        repaired = _clean(text + closing)
        if repaired is not None:
            return repaired
    return None
