"""HTML judged by what it says: the model reads a page's words, not its tags.

A static model's n-gram weights learn markup as readily as words, and they learned it
from the training pages the injections sat in: ``<html><body><h1>Best hiking trails``
scored 0.92 as tool output where "Best hiking trails" scored 0.2. For the model (never for
the rules, which still read every character), the tags of HTML elements are replaced by
the values of their attributes (``alt``, ``title``, ``value`` and the rest: text an
attacker can write into, and a model reading the raw page reads), and comment markers are
dropped with the comment's text kept. Only names of HTML elements count as tags, so a
look-alike such as ``<END_UNTRUSTED_CONTENT ...>`` stays text. Every pattern is linear: no
nested repetition, no match that can run past the next ``<`` or ``>``.
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
_DECL = re.compile(r"<![A-Za-z][^<>]*>")  # <!doctype html>
_COMMENT = re.compile(r"<!--|-->")
_VALUE = re.compile(r"=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))")


def _tag(match: re.Match[str]) -> str:
    if match.group(2).lower() not in _ELEMENTS:
        return match.group(0)  # not an HTML element: text like any other
    values = (a or b or c for a, b, c in _VALUE.findall(match.group(3)))
    return " " + " ".join(v for v in values if v) + " "


def markup_text(text: str) -> str:
    """``text`` with HTML element tags replaced by their attribute values and comment
    markers removed; text without a ``<`` is returned as it is."""
    if "<" not in text:
        return text
    return _TAG.sub(_tag, _DECL.sub(" ", _COMMENT.sub(" ", text)))
