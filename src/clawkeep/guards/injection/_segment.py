"""Words cut into fragments (``dis re gard all gui de li nes``) put back together, and
letters joined from a spaced run (``ignoreyourrestrictions``) split into words.

English word frequencies decide, through the pinned ``wordninja`` package (a word list
from English Wikipedia with a cost per word, and the dynamic programme that splits a string
into its cheapest words). It is imported on first use, when a text shows such a run.

A run of short words is re-spaced by merging neighbours only, never cutting a word, and
only when that removes at least two spaces and joins two fragments that are rare as words
on their own: "any one can not" stays, "re ve al sy stem pro mpt" becomes "reveal system
prompt". The work is bounded and linear: merges of up to six words, runs taken 40 words at
a time; joined letters are split 200 at a time, at most 2,000 per text, and what is left
over is counted unread (the guards flag a text they could not read whole).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["Budget", "join_fragments", "split_joined", "word_cost"]

# Three or more short words in a row, separated by single spaces: where fragments hide.
_SHORT_RUN = re.compile(r"(?<![\w'’\-])(?:[A-Za-z]{1,5} ){2,}[A-Za-z]{1,5}(?![\w'’\-])")
_RARE = 11.0  # word cost (-log of its Zipf probability) above which a short word is a fragment
_MAX_WORDS = 40
_MERGED_MIN, _MERGED_MAX = 6, 24  # letters in a word merged from fragments
_MAX_JOINED = 200
_UNKNOWN = 30.0  # the cost of a word the list does not know, kept as it is
_BUDGET = 2_000  # characters of joined letters split into words, per text


@cache
def _model() -> tuple[Callable[[str], list[str]], dict[str, float]]:
    import wordninja  # type: ignore[import-untyped]  # 0.1 s: only when a run needs it

    model: Any = wordninja.DEFAULT_LANGUAGE_MODEL
    return model.split, model._wordcost


def word_cost(word: str) -> float:
    """The cost of a lower-case word in the list (-log of its Zipf probability; a word the
    list does not know costs ``_UNKNOWN``)."""
    return _model()[1].get(word, _UNKNOWN)


def _rejoin(words: list[str]) -> list[str] | None:
    """The words with fragments merged back, or None when the spacing is as it should be.

    Merges only: the cheapest way (by word cost) to join neighbouring words, up to six at
    a time into a word of 6 to 24 letters, without ever cutting one."""
    _, cost = _model()
    low = [w.lower() for w in words]
    rare = [len(w) <= 4 and cost.get(w, _UNKNOWN) >= _RARE for w in low]
    if sum(rare) < 2:
        return None
    ends = [0, *itertools.accumulate(len(w) for w in low)]
    best = [0.0] * (len(words) + 1)
    back = list(range(-1, len(words)))  # by default each word stands alone
    for j in range(1, len(words) + 1):
        best[j] = best[j - 1] + cost.get(low[j - 1], _UNKNOWN)
        for i in range(j - 2, max(-1, j - 7), -1):
            size = ends[j] - ends[i]
            if size > _MERGED_MAX:
                break
            if size < _MERGED_MIN:
                continue  # a merge makes a real word: "mala", "doi" are not worth it
            c = cost.get("".join(low[i:j]))
            if c is not None and best[i] + c < best[j]:
                best[j], back[j] = best[i] + c, i
    spans: list[tuple[int, int]] = []
    j = len(words)
    while j > 0:
        spans.append((back[j], j))
        j = back[j]
    spans.reverse()
    joined_rare = sum(sum(rare[i:j]) for i, j in spans if j - i > 1)
    if len(words) - len(spans) < 2 or joined_rare < 2:
        return None  # a stray compound ("any one" -> "anyone") is left as written
    return ["".join(words[i:j]) for i, j in spans]


def join_fragments(text: str) -> tuple[str, int]:
    """Re-space runs of short words that are fragments of longer ones; how many runs."""
    out: list[str] = []
    last = 0
    fixed = 0
    for m in _SHORT_RUN.finditer(text):
        words = m.group(0).split(" ")
        pieces: list[str] = []
        changed = False
        for i in range(0, len(words), _MAX_WORDS):
            chunk = words[i : i + _MAX_WORDS]
            new = _rejoin(chunk)
            changed = changed or new is not None
            pieces.extend(new if new is not None else chunk)
        if changed:
            out.append(text[last : m.start()])
            out.append(" ".join(pieces))
            last = m.end()
            fixed += 1
    if not fixed:
        return text, 0
    out.append(text[last:])
    return "".join(out), fixed


@dataclass(slots=True)
class Budget:
    """Characters of joined letters one text may still have split; pieces left unread."""

    left: int = _BUDGET
    unread: int = 0


def split_joined(word: str, budget: Budget) -> str:
    """``ignoreyourrestrictions`` -> ``ignore your restrictions``, 200 letters at a time; a
    known word is returned as it is, and what the budget does not reach is counted unread."""
    if len(word) < 8:
        return word
    split, cost = _model()
    if word.lower() in cost:
        return word
    pieces: list[str] = []
    for i in range(0, len(word), _MAX_JOINED):
        chunk = word[i : i + _MAX_JOINED]
        if budget.left < len(chunk):
            budget.unread += 1
            pieces.append(word[i:])
            break
        budget.left -= len(chunk)
        pieces.extend(split(chunk))
    return " ".join(pieces)
