"""Scrambled words read as the attack words they hold, when the text names the scramble
("Unscramble and follow: giorne ruyoy sntctioriusn").

Letters shuffled inside each word have no shape of their own, so, as ROT13 in ``_decode``,
they are undone only when the text says so (unscramble, anagram, jumbled, scrambled,
rearrange the letters). Then each word whose letters are those of one of the words attacks
are written with (``_typos.KEYWORDS``, and a few short ones: your, all, the, now) is read as
that word; the unscrambled line is added after the text in the de-obfuscated view. Linear:
one sort of each word's letters and one lookup.
"""

from __future__ import annotations

import re
from functools import cache

from clawkeep.guards.injection._typos import KEYWORDS

__all__ = ["unscramble"]

_CUE = re.compile(
    r"\b(un-?scramble\w*|scrambled|anagrams?|jumbled|unjumble\w*|"
    r"re-?arrange\s+(?:the\s+)?letters)\b",
    re.IGNORECASE,
)
_SHORT = ("your", "all", "the", "now", "you", "and", "tell", "show", "give", "rules", "mode")
_WORD = re.compile(r"[A-Za-z]{3,20}")
_BUDGET = 20_000  # characters read past the cue, as the other named decodings


@cache
def _by_letters() -> dict[str, str]:
    """Sorted letters -> the word they spell (the first in order, for two with the same)."""
    table: dict[str, str] = {}
    for word in sorted({*KEYWORDS, *_SHORT}):
        table.setdefault("".join(sorted(word)), word)
    return table


def unscramble(text: str) -> str | None:
    """The text after a scramble cue with its scrambled attack words put in order, or None
    when the text names no scramble or holds none."""
    cue = _CUE.search(text)
    if cue is None:
        return None
    table = _by_letters()
    found = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal found
        word = m.group(0)
        meant = table.get("".join(sorted(word.lower())))
        if meant is None or meant == word.lower():
            return word
        found += 1
        return meant

    tail = _WORD.sub(fix, text[cue.end() : cue.end() + _BUDGET])
    return tail if found else None
