"""Parsing shell text with the real bash grammar; what counts as unparseable.

Input with a syntax error is refused, with one exception: an unterminated quote at the
very end. bash refuses to run that last command, and what runs before it is judged on
the text with the quote closed, which executes a superset of what bash would. Two forms
the grammar lacks are read as forms with the same effect or more (`<>` as `>`, an extglob
group as `*`, `${x:$n}` as `${x:$(($n))}`).

Characters outside the Basic Multilingual Plane and lone surrogates reach the grammar as
U+FFFD: tree-sitter-bash 0.25.1 reads out of bounds on some of them (``x{\U000c8360}``
crashed the process in fuzzing), and a model's command must never crash the gateway.
They can only ever be literal word characters to bash, so judging the line with a
stand-in character decides the same.
"""

from __future__ import annotations

import re
from functools import cache

import tree_sitter
import tree_sitter_bash

__all__ = ["Node", "parse"]

Node = tree_sitter.Node

# Astral-plane characters and lone surrogates: the grammar's scanner is not safe on them.
_UNSAFE_FOR_GRAMMAR = re.compile("[\U00010000-\U0010ffff\ud800-\udfff]")


# Forms bash accepts that the grammar does not, judged as a form it reads with the same
# effect or more: the read-write redirection `N<>FILE` as a write (it may write), and an
# extglob group `!(*.pyc)`, `@(a|b)` as the glob `*` (any name it could match).
_READ_WRITE = re.compile(r"(?<![<>])<>(?!>)")
# `${x:$n}`, `${@:$#}`: an offset read from a variable, the same as `${x:$(($n))}`.
_VAR_OFFSET = re.compile(r"(\$\{[^{}:]+:-?)(\$(?:[A-Za-z_]\w*|[#?!$@*-]|\d))")
_EXTGLOB = re.compile(r"(?<![\w$\\])[!@+?*]\([^()'\"`$]*\)")


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
    text = _UNSAFE_FOR_GRAMMAR.sub("\ufffd", text)  # never feed the scanner what crashes it
    # A final newline ends the last command as bash's end of input does; without it the
    # grammar explores many parses of a 3+ stage pipeline at EOF (~100 us instead of ~4 us).
    # Not after a trailing backslash, which a newline would turn into a line continuation.
    escaped_end = (len(text) - len(text.rstrip("\\"))) % 2 == 1
    end = "" if text.endswith("\n") or escaped_end else "\n"
    parsed = _clean(text + end)
    if parsed is not None:
        return parsed
    widened = _EXTGLOB.sub("*", _READ_WRITE.sub(">", text))
    widened = _VAR_OFFSET.sub(r"\1$((\2))", widened)
    if widened != text and (parsed := _clean(widened + end)) is not None:
        return parsed
    for closing in ('"', "'"):
        # An unterminated trailing quote: bash runs nothing of the final command.
        repaired = _clean(text + closing + end)
        if repaired is not None:
            return repaired
    return None
