"""How the model reads text whose letter case says nothing: in sentence case.

The token vectors and heads learned from text in ordinary case, and the pieces of a word
differ with its case. On the validation split, English chat written in capitals was
flagged 23% of the time (German 16%, French 17%; 1% in ordinary case) and attacks in
capitals caught 78% (91% in ordinary case); in Title Case chat was flagged 4.0% and
attacks caught 82%; in lower case attacks were caught 90%. So a text written all in lower
case or with every word capitalised, and a line written all in capitals, reaches the model
in sentence case (the first letter of each sentence a capital, the rest lower case, and "i"
as "I" in a text with English words). Only the model's input changes: the rules and the
de-obfuscated view read the text as written, and text in ordinary or mixed case (names,
acronyms in a sentence, identifiers, aLtErNaTiNg case) is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["recase"]

_MIN_LETTERS = 6  # "OK", "STOP", "ok do": too short to be a sentence worth recasing
_SHARE = 0.8  # of a line's cased letters in capitals, or of its words capitalised
_MIN_TITLE_WORDS = 4  # "New York Times" is a name, not a sentence in Title Case
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)(\w)")
_LONE_I = re.compile(r"(?<![\w'’])i(?![\w'’-])|(?<![\w'’])i(?=['’](?:m|ll|ve|d)\b)")
_ENGLISH = re.compile(r"\b(?:the|you|your|and|to|my|me|is|are|what|how|this|that|please|it|of)\b")


def _sentence_case(lower: str) -> str:
    """Text in lower case with its sentences' first letters capitals (and "I" where it
    has English words)."""
    cased = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), lower)
    return _LONE_I.sub("I", cased) if _ENGLISH.search(lower) else cased


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    titled = sum(w[0].isupper() and w[1:] == w[1:].lower() for w in words)
    return len(words) >= _MIN_TITLE_WORDS and titled >= _SHARE * len(words)


def _shouted(line: str) -> bool:
    upper = sum(map(str.isupper, line))
    return upper >= _MIN_LETTERS and upper >= _SHARE * (upper + sum(map(str.islower, line)))


def recase(text: str) -> str:
    """``text`` in sentence case when it is written all in lower case or in Title Case, and
    otherwise with every line written in capitals put in sentence case. Lower case and
    Title Case count for the whole text only: a line of a wrapped paragraph starts in lower
    case and a heading is in Title Case, and neither is a sentence to recase."""
    if not any(map(str.isupper, text)):
        return _sentence_case(text) if sum(map(str.islower, text)) >= _MIN_LETTERS else text
    if _title_case(text):
        return _sentence_case(text.lower())
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if len(line) >= _MIN_LETTERS and _shouted(line):
            lines[i] = _sentence_case(line.lower())
            changed = True
    return "\n".join(lines) if changed else text
