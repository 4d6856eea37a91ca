"""Text normalisation before classification, and whether it had to hide something.

An attacker can split a trigger phrase with zero-width characters, reorder it with bidi
controls, smuggle it in Unicode tag characters, or spell it with look-alike letters
(Cyrillic, Greek, Cherokee, small capitals). We undo all of that before rules and model see
the text, and count what we undid: invisible characters inside Latin words, bidi overrides,
small capitals and mixed-script words are rare in honest chat, so the count itself is a
signal. Legitimate uses stay quiet: a ZWNJ inside Persian or Hindi, an emoji ZWJ sequence,
RTL marks, a wholly Cyrillic or wholly Greek word, Turkish ı, are not counted.

Spellings that need a guess to undo (leetspeak, s p a c e d letters, upside-down text) are
not rewritten here: ``_deobfuscate`` builds a second view that the classifier scores beside
this text (``Normalised.deobfuscated``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from clawkeep.guards.injection._deobfuscate import deobfuscate
from clawkeep.guards.injection._lookalikes import tables

__all__ = ["Normalised", "normalise"]

# Invisible format characters: removed always, counted when they split a Latin word.
_INVISIBLE = frozenset("\u200b\u2060\u2061\u2062\u2063\u2064\u180e\ufeff\u00ad\u034f\u115f\u1160")
_JOINERS = frozenset("\u200c\u200d")  # legitimate in Arabic-script and Indic text, emoji
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # embeddings/overrides
_MARKS = frozenset("\u200e\u200f\u061c")  # direction marks: normal in RTL text, dropped silently
_TAG_START, _TAG_END = 0xE0000, 0xE007F  # "ASCII smuggling": invisible copies of ASCII

# Letters, and the combining marks on them: a mark must not cut "і̇gnore" into two words.
_L = r"(?:[^\W\d_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])"
_WORD = re.compile(rf"{_L}+")
# Letters only phonetic transcriptions use: IPA extensions, stress and length marks.
_IPA = frozenset(chr(c) for c in range(0x0250, 0x0300)) - frozenset("ɑɡɢɪɴʀʏʙʜʟ")


@dataclass(frozen=True, slots=True)
class Normalised:
    """The text the guard judges, and how many hiding tricks were undone to get it."""

    text: str
    invisible: int  # zero-width / joiner-inside-Latin / tag characters removed
    bidi: int  # bidi embedding, override and isolate controls removed
    homoglyphs: int  # other-script look-alikes folded inside words that mix scripts
    smuggled: str  # text decoded from Unicode tag characters, appended to ``text``
    letterlike: int = 0  # Latin small capitals / phonetic look-alikes folded (ᴀ ʀ ɪ ɡ)
    deobfuscated: str | None = None  # the second view (``_deobfuscate``), when one applies
    obfuscations: int = 0  # how many spellings the second view undid
    unread: int = 0  # runs of spaced-out letters too long to read back into words

    @property
    def suspicious(self) -> int:
        """How many hiding tricks were undone (0 for honest text)."""
        return self.invisible + self.bidi + self.homoglyphs + self.letterlike


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


# One pass over runs of hidden characters: a run is judged by the visible characters on its
# two sides, so a flood of zero-width characters costs linear time, not a walk per character.
_HIDDEN_RUN = re.compile(
    "[" + "".join(sorted(_INVISIBLE | _JOINERS | _BIDI | _MARKS)) + "\U000e0000-\U000e007f]+"
)


def _strip(text: str) -> tuple[str, int, int, str]:
    """Remove invisible, bidi, mark and tag characters; count them, decode the tags.

    An invisible character counts when its run splits a Latin word ("ig\u200bnore"); in
    Thai, Khmer or Japanese a zero-width space separates words and is not counted."""
    if _HIDDEN_RUN.search(text) is None:
        return text, 0, 0, ""
    out: list[str] = []
    smuggled: list[str] = []
    invisible = bidi = 0
    last = 0
    for run in _HIDDEN_RUN.finditer(text):
        start, end = run.span()
        out.append(text[last:start])
        last = end
        splits = start > 0 and end < len(text) and _is_latin(text[start - 1])
        splits = splits and _is_latin(text[end])
        for ch in run.group(0):
            code = ord(ch)
            if _TAG_START <= code <= _TAG_END:
                invisible += 1
                if 0xE0020 <= code <= 0xE007E:
                    smuggled.append(chr(code - 0xE0000))
            elif ch in _INVISIBLE or ch in _JOINERS:
                invisible += int(splits)
            elif ch in _BIDI:
                bidi += 1
    out.append(text[last:])
    return "".join(out), invisible, bidi, "".join(smuggled)


def _fold_word(word: str, counts: list[int]) -> str:
    """Fold another script's look-alikes in one word (letters only, Latin look-alikes
    already folded) where the word gives itself away: it also holds Latin letters
    ("pаypal"), or its look-alikes come from two scripts ("уοu": Cyrillic у, Greek ο).
    A wholly Cyrillic or Greek word is a word of Russian or Greek, left alone."""
    if word.isascii():
        return word
    table = tables()
    chars = set(word)
    lookalikes = chars & table.other.keys()
    if not lookalikes:
        return word
    latin = any(ch.isascii() for ch in chars)
    scripts = {table.other[ch][1] for ch in lookalikes}
    whole = all(ch.isascii() or ch in table.other for ch in chars)
    if not (latin or (len(scripts) >= 2 and whole)):
        return word
    counts[0] += sum(word.count(ch) for ch in lookalikes)
    return word.translate(table.fold_other)


# A run of letters holding ASCII and other letters; each run is scanned twice, from its start.
_MIXED_WORD = re.compile(rf"(?<!{_L})(?={_L}*[A-Za-z])(?={_L}*[^\W\d_A-Za-z]){_L}+")


def _phonetic(text: str, start: int, word: str) -> bool:
    """A phonetic transcription (/ˈmɪnɪt/, [bɪt]): IPA uses small capitals as letters."""
    return (start > 0 and text[start - 1] in "/[") or any(ch in _IPA for ch in word)


def _count_letterlike(text: str, latin: set[str]) -> int:
    count = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        found = latin.intersection(word)
        if found and not _phonetic(text, m.start(), word):
            count += sum(word.count(ch) for ch in found)
    return count


def _fold(text: str) -> tuple[str, int, int]:
    """The text with look-alikes folded, and how many: (Latin small capitals and phonetic
    look-alikes, folded wherever they are; other scripts' look-alikes, see ``_fold_word``)."""
    if text.isascii():
        return text, 0, 0
    table = tables()
    chars = set(text)
    latin = chars & table.latin.keys()
    letterlike = _count_letterlike(text, latin) if latin else 0
    if latin:
        text = text.translate(table.fold_latin)
    lookalikes = chars & table.other.keys()
    if not lookalikes:
        return text, letterlike, 0
    counts = [0]
    # Only words that mix in Latin letters, unless look-alikes of two scripts are present.
    words = _WORD if len({table.other[ch][1] for ch in lookalikes}) >= 2 else _MIXED_WORD
    folded = words.sub(lambda m: _fold_word(m.group(0), counts), text)
    return folded, letterlike, counts[0]


def normalise(text: str) -> Normalised:
    """NFKC, remove invisible and bidi controls, fold look-alikes; the de-obfuscated view."""
    stripped, invisible, bidi, smuggled = _strip(unicodedata.normalize("NFKC", text))
    folded, letterlike, homoglyphs = _fold(stripped)
    if smuggled:
        folded = f"{folded}\n{smuggled}"  # the model must read what the attacker hid
    view = deobfuscate(folded)
    return Normalised(
        folded,
        invisible,
        bidi,
        homoglyphs,
        smuggled,
        letterlike,
        deobfuscated=view.text,
        obfuscations=view.undone,
        unread=view.unread,
    )
