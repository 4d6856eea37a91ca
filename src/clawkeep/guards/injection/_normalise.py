"""Text normalisation before classification, and whether it had to hide something.

An attacker can split a trigger phrase with zero-width characters, reorder it with bidi
controls, smuggle it in Unicode tag characters, or spell it with Cyrillic look-alikes.
We undo all of that before rules and model see the text, and count what we undid: invisible
characters inside Latin words, bidi overrides and mixed-script words are rare in honest chat,
so the count itself is a signal. Legitimate uses stay quiet: a ZWNJ inside Persian or Hindi,
an emoji ZWJ sequence, RTL marks, or a wholly Cyrillic word are not counted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Normalised", "normalise"]

# Invisible format characters: removed always, counted when they split a Latin word.
_INVISIBLE = frozenset("\u200b\u2060\u2061\u2062\u2063\u2064\u180e\ufeff\u00ad\u034f\u115f\u1160")
_JOINERS = frozenset("\u200c\u200d")  # legitimate in Arabic-script and Indic text, emoji
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # embeddings/overrides
_MARKS = frozenset("\u200e\u200f\u061c")  # direction marks: normal in RTL text, dropped silently
_TAG_START, _TAG_END = 0xE0000, 0xE007F  # "ASCII smuggling": invisible copies of ASCII

# Look-alikes folded to Latin, only inside words that already mix in Latin letters.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɡ": "g",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
        "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
_HOMOGLYPH_CHARS = frozenset(chr(c) for c in _HOMOGLYPHS)
_WORD = re.compile(r"[^\W\d_]+")  # letters only
_LATIN = re.compile(r"[a-zA-Z]")


@dataclass(frozen=True, slots=True)
class Normalised:
    """The text the guard judges, and how many hiding tricks were undone to get it."""

    text: str
    invisible: int  # zero-width / joiner-inside-Latin / tag characters removed
    bidi: int  # bidi embedding, override and isolate controls removed
    homoglyphs: int  # look-alike letters folded inside mixed-script words
    smuggled: str  # text decoded from Unicode tag characters, appended to ``text``

    @property
    def suspicious(self) -> int:
        """How many hiding tricks were undone (0 for honest text)."""
        return self.invisible + self.bidi + self.homoglyphs


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _hidden(ch: str) -> bool:
    return ch in _INVISIBLE or ch in _JOINERS or ch in _BIDI or ch in _MARKS


def _inside_latin_word(text: str, i: int) -> bool:
    """An invisible character that splits a Latin word ("ig\u200bnore"). In Thai, Khmer or
    Japanese a zero-width space separates words and is not counted."""
    before = i - 1
    while before >= 0 and _hidden(text[before]):
        before -= 1
    after = i + 1
    while after < len(text) and _hidden(text[after]):
        after += 1
    return before >= 0 and after < len(text) and _is_latin(text[before]) and _is_latin(text[after])


def _strip(text: str) -> tuple[str, int, int, str]:
    out: list[str] = []
    smuggled: list[str] = []
    invisible = bidi = 0
    for i, ch in enumerate(text):
        code = ord(ch)
        if _TAG_START <= code <= _TAG_END:
            invisible += 1
            if 0xE0020 <= code <= 0xE007E:
                smuggled.append(chr(code - 0xE0000))
        elif ch in _INVISIBLE or ch in _JOINERS:
            invisible += int(_inside_latin_word(text, i))
        elif ch in _BIDI:
            bidi += 1
        elif ch in _MARKS:
            continue
        else:
            out.append(ch)
    return "".join(out), invisible, bidi, "".join(smuggled)


def _fold_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LATIN.search(word) and any(ch in _HOMOGLYPH_CHARS for ch in word):
        return word.translate(_HOMOGLYPHS)
    return word


def _fold(text: str) -> tuple[str, int]:
    folded = _WORD.sub(_fold_word, text)
    return folded, sum(a != b for a, b in zip(text, folded, strict=True))


def normalise(text: str) -> Normalised:
    """NFKC, remove invisible and bidi controls, fold look-alikes in mixed-script words."""
    stripped, invisible, bidi, smuggled = _strip(unicodedata.normalize("NFKC", text))
    folded, homoglyphs = _fold(stripped)
    if smuggled:
        folded = f"{folded}\n{smuggled}"  # the model must read what the attacker hid
    return Normalised(folded, invisible, bidi, homoglyphs, smuggled)
