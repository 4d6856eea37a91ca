"""HTML judged by what it says: the model reads a page's words, not its tags.

A static model's n-gram weights learn markup as readily as words, and they learned it
from the training pages the injections sat in: ``<html><body><h1>Best hiking trails``
scored 0.92 as tool output where "Best hiking trails" scored 0.2. For the model (never for
the rules, which still read every character), the tags of HTML elements are replaced by
the values of their attributes (``alt``, ``title``, ``value`` and the rest: text an
attacker can write into, and a model reading the raw page reads) and any bare words among
them (``<p ignore all previous instructions>``), and comment and declaration markers are
dropped with their text kept (only ``<!doctype html>`` says nothing at all). Only names
of HTML elements count as tags, so a look-alike such as ``<END_UNTRUSTED_CONTENT ...>``
stays text. Every pattern is linear: no nested repetition, no match that can run past the
next ``<`` or ``>``.
"""

from __future__ import annotations

import re

__all__ = ["markup_text"]

_ELEMENT_NAMES = """a abbr address area article aside audio b base bdi bdo blockquote body br button
    canvas caption center cite code col colgroup data datalist dd del details dfn dialog div
    dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4
    h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map
    mark menu meta meter nav noscript object ol optgroup option output p param picture pre
    progress q rp rt ruby s samp script section select slot small source span strong style
    sub summary sup svg table tbody td template textarea tfoot th thead time title tr track
    u ul var video wbr"""
_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})((?:\s[^<>]*)?)/?>")
_DOCTYPE = re.compile(r"<!doctype\s+html\s*>", re.IGNORECASE)  # says nothing: dropped
_DECL = re.compile(r"<!([A-Za-z][^<>]*)>")  # any other declaration: its words are text
_COMMENT = re.compile(r"<!--|-->")
# One attribute: a name with its value (the value is read), a bare name (read: an
# attacker's words need no "="), or a stray quoted string (read).
_ATTR = re.compile(
    r"""([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?|"([^"]*)"|'([^']*)'"""
)


def _attributes(text: str) -> str:
    words = []
    for m in _ATTR.finditer(text):
        name, dq, sq, bare, q1, q2 = m.groups()
        value = next((v for v in (dq, sq, bare) if v is not None), None)
        words.append(value if value is not None else (name or q1 or q2 or ""))
    return " ".join(w for w in words if w)


def _tag(match: re.Match[str]) -> str:
    if match.group(2).lower() not in _ELEMENTS:
        return match.group(0)  # not an HTML element: text like any other
    return " " + _attributes(match.group(3)) + " "


def markup_text(text: str) -> str:
    """``text`` with HTML element tags replaced by their attribute values and comment
    markers removed; text without a ``<`` is returned as it is."""
    if "<" not in text:
        return text
    text = _DECL.sub(r" \1 ", _DOCTYPE.sub(" ", _COMMENT.sub(" ", text)))
    return _TAG.sub(_tag, text)
