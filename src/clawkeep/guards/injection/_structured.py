"""Structured tool output judged by what it says: JSON becomes ``key: value`` lines.

The same facts scored 0.8-0.99 as a JSON record and 0.004-0.02 as a sentence with the first
classifier: braces and quotes, not content, moved the score. The guards flatten JSON to the
string (and scalar) fields, each with its key as context, before rules and model read it.
JSON escapes are decoded here, so ``\\u200b`` or ``\\u0049gnore`` inside a field reach the
normaliser and the rules as the characters they stand for; so are HTML character
references, in any text (a page spelled in ``&#x49;&#x67;...`` reads as plain words).

Everything the model will read is kept: every key (a key is text too; one whose value is
null, empty, or an object or list, becomes a line of its own, unless it is a plain name
like ``events`` over content) and every member of a
duplicated key (the model reads the raw JSON, where the first ``"note"`` is as visible as
the last; ``json.loads`` alone keeps only the last). The flattened text is never much
longer than the JSON it came from: a long key is repeated as context only while that
stays so, or a 400 kB document of one long key over many short list items would become
gigabytes to score.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

__all__ = ["prepare_text"]

_JSON_MAX = 2_000_000  # characters; larger JSON is judged as plain text
_CHAR_REF = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});?")
_SLACK = 4_096  # characters of repeated keys allowed past the JSON's own length


class _Members(list[tuple[str, Any]]):
    """A JSON object as all of its members, in order, duplicates included."""


def _members(pairs: list[tuple[str, Any]]) -> _Members:
    return _Members(pairs)


_END = object()  # pushed after a list's items: its key, if no item carried it, comes next
_END_FULL = object()  # the same after a list that had items
# A plain name over an object or list with content ("events", "results") says nothing,
# and as a line of its own it moved honest records toward a flag; any other key is text.
_NAME = re.compile(r"[A-Za-z0-9_.$@-]{1,32}")


def _leaves(value: Any, budget: int) -> list[str]:
    """``key: text`` for every string (and number/bool) leaf, and every key, depth first.

    Every leaf and every key is kept (a payload after the 10,000th field is still read):
    each member's key is written once, in full; repeating it as the context of a list's
    further items stops when the output would pass ``budget`` characters."""
    out: list[str] = []
    used = reparsed = 0
    # (node, the key it sits under, whether that key has been written yet: shared by
    # the items of one list, so a key over a list is written once, not per item)
    stack: list[tuple[Any, str, list[bool]]] = [(value, "", [True])]
    while stack:  # iterative: no recursion depth to exhaust
        node, key, shown = stack.pop()
        text: str | None = None
        if isinstance(node, _Members):
            if node and _NAME.fullmatch(key):
                shown[0] = True  # a plain name over content: the content speaks
            for name, child in reversed(node):
                stack.append((child, name, [False]))
        elif isinstance(node, list):
            stack.append((_END_FULL if node else _END, key, shown))
            for child in reversed(node):
                stack.append((child, key, shown))
            continue
        elif isinstance(node, str):
            inner = _nested(node) if reparsed + len(node) <= budget else None
            if inner is not None:
                # JSON inside a string field: the model reads it as JSON too, so it is
                # flattened and its escapes decoded (an inner "\\u0049gnore" is "Ignore"). Each
                # level is shorter than the one around it, and all of them together bounded.
                reparsed += len(node)
                stack.append((inner, key, shown))
                continue
            text = node if node.strip() else None
        elif node is _END_FULL and _NAME.fullmatch(key):
            continue
        elif node is not None and node is not _END and node is not _END_FULL:
            text = str(node)
        if text is not None and key and (not shown[0] or used + len(key) + len(text) < budget):
            text = f"{key}: {text}"
            shown[0] = True
        elif text is None and key.strip() and not shown[0]:
            # A key over an object, a list of no text, null or "": the key is the text.
            text = key
            shown[0] = True
        if text is not None:
            out.append(text)
            used += len(text) + 1
    return out


def _nested(text: str) -> Any:
    """The JSON object or array a string field holds, or None."""
    if text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        value = json.loads(text, object_pairs_hook=_members)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, (_Members, list)) else None


def prepare_text(text: str) -> str:
    """The text the model reads: JSON documents become ``key: value`` lines (the string
    fields in context); HTML character references are decoded, as a browser shows them
    and as a model reads them ("&#73;gnore all previous instructions" is an order)."""
    head = text.lstrip()[:1]
    if head not in ("{", "[") or len(text) > _JSON_MAX:
        return _decoded(text)
    try:
        value = json.loads(text, object_pairs_hook=_members)
    except (ValueError, RecursionError):
        return _decoded(text)  # not JSON after all (or absurdly nested): judged as written
    lines = _leaves(value, len(text) + _SLACK)
    return _decoded("\n".join(lines)) if lines else _decoded(text)


def _decoded(text: str) -> str:
    """``text`` with HTML character references (``&#73;``, ``&#x49;``, ``&nbsp;``) decoded."""
    if "&" not in text or not _CHAR_REF.search(text):
        return text
    return html.unescape(text)
