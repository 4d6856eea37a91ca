"""Which characters look like a Latin letter, which letter, and from which script.

Data, not a hand list. Unicode's confusables (UTS #39, ``confusables.txt``) and its script
ranges come from the pinned ``confusable-homoglyphs`` package: its two JSON files are read
directly from the installed package (never through its ``CONFUSABLE_DATA`` override or its
download code). Character names add what the confusables leave out: the small capitals
(``LATIN LETTER SMALL CAPITAL R``) and the turned letters of upside-down text
(``LATIN SMALL LETTER TURNED A``). NFKC has already folded fullwidth, mathematical,
circled and most modifier letters before these tables are read.

Latin letters that are part of living orthographies (Turkish ı, Ewe ʋ and ɣ, the click
letter ǀ, ...) are left out of the Latin table: they are words, not disguises.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["Tables", "tables"]

_DATA_PACKAGE = "confusable_homoglyphs"

# Latin-script letters the confusables list beside ASCII ones that real alphabets use.
_ORTHOGRAPHIC = frozenset("ıɩƖʋƲɣƔǀƽƅƄƍɯƜỿẝƦ")

_SMALL_CAPITAL = re.compile(r"^LATIN (?:CAPITAL )?LETTER SMALL CAPITAL ([A-Z])$")
_TURNED = re.compile(r"^(?:LATIN )?(SMALL|CAPITAL) (?:LETTER )?TURNED ([A-Z])$")
# Blocks holding the small capitals, phonetic and turned letters NFKC leaves alone.
_NAMED_BLOCKS = (
    (0x0180, 0x024F),  # Latin extended-B (turned e)
    (0x0250, 0x02AF),  # IPA extensions
    (0x1D00, 0x1DBF),  # phonetic extensions
    (0x2100, 0x214F),  # letterlike symbols (turned F)
    (0x2C60, 0x2C7F),  # Latin extended-C
    (0xA720, 0xA7FF),  # Latin extended-D
    (0xAB30, 0xAB6F),  # Latin extended-E
    (0x1DF00, 0x1DFFF),  # Latin extended-G
)
# Upside-down text also uses a few letters whose names do not say "turned" (they are read
# when flipping a line, but do not mark one: Akan and Ewe write ɔ).
_FLIP_EXTRA = {"ɔ": "c", "ɟ": "f", "ƃ": "g", "ɾ": "j", "ꞁ": "l", "ʃ": "l"}
# Cyrillic and Greek look-alikes this guard folded before it read the confusables, kept
# where the confusables map a letter elsewhere or not at all (Greek ε is close to ɛ there).
_REVIEWED = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "т": "t",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
    "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
_FLIP_ASCII = {"b": "q", "q": "b", "d": "p", "p": "d", "n": "u", "u": "n"}


@dataclass(frozen=True, slots=True)
class Tables:
    """``latin``: Latin-script look-alikes (small capitals, phonetic letters), folded
    wherever they appear; ``other``: look-alikes from other scripts, with their script,
    folded only inside words that give themselves away; ``turned``: letter as written
    upside down -> the letter it stands for."""

    latin: dict[str, str]
    other: dict[str, tuple[str, str]]
    turned: dict[str, str]
    script: Callable[[str], str]  # a character's script (Unicode Scripts.txt alias)
    fold_latin: dict[int, str]  # ``str.translate`` tables of the three
    fold_other: dict[int, str]
    flip: dict[int, str]
    upside_down: frozenset[str]  # letters named "turned": a line of three is upside down


def _load(name: str) -> Any:
    from importlib import resources  # on first use: most chat never needs the tables

    return json.loads(resources.files(_DATA_PACKAGE).joinpath(name).read_text("utf-8"))


def _script_of(categories: Any) -> Callable[[str], str]:
    ranges = categories["code_points_ranges"]
    aliases = categories["iso_15924_aliases"]
    starts = [r[0] for r in ranges]

    def script(ch: str) -> str:
        code = ord(ch)
        lo, hi = 0, len(starts)
        while lo < hi:  # the last range starting at or before ``code``
            mid = (lo + hi) // 2
            if starts[mid] <= code:
                lo = mid + 1
            else:
                hi = mid
        i = lo - 1
        if i >= 0 and ranges[i][0] <= code <= ranges[i][1]:
            return str(aliases[ranges[i][2]])
        return "UNKNOWN"

    return script


def _target(src: str, dst: str) -> str:
    # The confusables' prototype for I is l; an upper-case source stands for I.
    return "I" if dst == "l" and src.isupper() else dst


@cache
def tables() -> Tables:
    """The tables, built once on first use (a few tens of milliseconds)."""
    script = _script_of(_load("categories.json"))
    latin: dict[str, str] = {}
    other: dict[str, tuple[str, str]] = {}
    for src, entries in _load("confusables.json").items():
        if len(src) != 1 or src.isascii() or not unicodedata.category(src).startswith("L"):
            continue
        if unicodedata.normalize("NFKC", src) != src:
            continue  # NFKC reaches it first
        dst = next((e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii()), None)
        if dst is None or not dst.isalpha():
            continue
        where = script(src)
        if where == "LATIN":
            if src not in _ORTHOGRAPHIC:
                latin[src] = _target(src, dst)
        else:
            other[src] = (_target(src, dst), where)
    for src, dst in _REVIEWED.items():
        other[src] = (dst, script(src))
    turned = dict(_FLIP_EXTRA)
    for lo, hi in _NAMED_BLOCKS:
        for code in range(lo, hi + 1):
            ch = chr(code)
            name = unicodedata.name(ch, "")
            if (small := _SMALL_CAPITAL.match(name)) is not None:
                letter = small.group(1)
                latin.setdefault(ch, letter if "CAPITAL LETTER" in name else letter.lower())
            elif (flip := _TURNED.match(name)) is not None:
                case, letter = flip.groups()
                turned[ch] = letter if case == "CAPITAL" else letter.lower()
    turned.update(_FLIP_ASCII)
    return Tables(
        latin,
        other,
        turned,
        script,
        str.maketrans(latin),
        str.maketrans({src: dst for src, (dst, _) in other.items()}),
        str.maketrans(turned),
        frozenset(turned) - frozenset(_FLIP_EXTRA) - frozenset(_FLIP_ASCII),
    )
