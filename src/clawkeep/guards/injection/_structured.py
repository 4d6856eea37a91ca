"""Structured tool output judged by what it says: JSON becomes ``key: value`` lines.

The same facts scored 0.8-0.99 as a JSON record and 0.004-0.02 as a sentence with the first
classifier: braces and quotes, not content, moved the score. The guards flatten JSON to the
string (and scalar) fields, each with its key as context, before rules and model read it.
JSON escapes are decoded here, so ``\\u200b`` or ``\\u0049gnore`` inside a field reach the
normaliser and the rules as the characters they stand for.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["prepare_text"]

_JSON_MAX = 2_000_000  # characters; larger JSON is judged as plain text


def _leaves(value: Any, path: str, out: list[str]) -> None:
    """``path: text`` for every string (and number/bool) leaf, depth first. Every leaf is
    kept (a payload after the 10,000th field is still read); the input size bounds them."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:  # iterative: no recursion depth to exhaust
        node, where = stack.pop()
        if isinstance(node, dict):
            for key, child in reversed(list(node.items())):
                stack.append((child, str(key)))
        elif isinstance(node, list):
            for child in reversed(node):
                stack.append((child, where))
        elif isinstance(node, str):
            if node.strip():
                out.append(f"{where}: {node}" if where else node)
        elif node is not None:
            out.append(f"{where}: {node}" if where else str(node))


def prepare_text(text: str) -> str:
    """The text the model reads: JSON documents become ``key: value`` lines (the string
    fields in context), everything else is unchanged."""
    head = text.lstrip()[:1]
    if head not in ("{", "[") or len(text) > _JSON_MAX:
        return text
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return text  # not JSON after all (or absurdly nested): judged as written
    lines: list[str] = []
    _leaves(value, "", lines)
    return "\n".join(lines) if lines else text
