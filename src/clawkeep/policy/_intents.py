"""Which kinds of side effect the owner's words ask for, in the owner's language.

It decides only *whether* the owner asked for a kind of action; every destination still
needs grounding in the owner's words or the config. The words are data, one table per
language in the ``_intent_<group>`` modules; this module reads text and matches them.

Matching, per entry: a plain word matches a whole word; ``stem*`` a word that starts with
the stem (inflecting scripts with spaces); an entry of Han or kana characters matches as a
substring (Chinese and Japanese write without spaces), after known innocent compounds
(首席执行官, コンテスト) are blanked out; an entry of several words matches those words in a
row. Text and entries are read through NFKC and case folding (Turkish dotted I, Arabic
vowel marks and letter variants normalised). English stems take their regular
inflections; every other language lists its forms. The folding serves this reading only:
destinations are compared exactly, elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

from clawkeep.policy._intent_cjk import INNOCENT, JA, KO, ZH
from clawkeep.policy._intent_germanic import DE, EN, NL
from clawkeep.policy._intent_kinds import Table
from clawkeep.policy._intent_other import AR, HI, ID, TR
from clawkeep.policy._intent_romance import ES, FR, IT, PT
from clawkeep.policy._intent_slavic import PL, RU, UK
from clawkeep.policy.effects import Effect

__all__ = ["LANGUAGES", "asked_effects", "fold", "tokens"]

# fmt: off
LANGUAGES: Final[Mapping[str, Table]] = {
    "en": EN, "es": ES, "fr": FR, "de": DE, "it": IT, "pt": PT, "nl": NL, "ru": RU,
    "zh": ZH, "ja": JA, "ko": KO, "ar": AR, "tr": TR, "pl": PL, "uk": UK, "hi": HI,
    "id": ID,
}
# fmt: on

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # vowel marks and tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC_CLITIC = ("و", "ف", "ب", "ل")  # "and", "so", "with", "to" written onto the word


def fold(text: str) -> str:
    """NFKC, case-folded; Turkish dotted I and Arabic letter variants made one."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("i\u0307", "i")
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return unicodedata.normalize("NFC", text)


def _separator(c: str) -> bool:
    if c.isspace():
        return True
    if c in ".@_'’-":
        return False  # "notes.md" and "e-mail" stay one word; "s'il" is split below
    return unicodedata.category(c)[0] in "PSZ"


def tokens(text: str) -> list[str]:
    """Folded words of the text: split at spaces, punctuation and symbols (not at a
    vowel sign: Devanagari and Arabic marks belong to their word), dots trimmed."""
    out: list[str] = []
    word: list[str] = []
    for c in fold(text) + " ":
        if _separator(c):
            w = "".join(word).strip(".'’-")
            if w:
                out.append(w)
            word = []
        else:
            word.append(c)
    return out


def _variants(token: str) -> Iterable[str]:
    """The token, and its parts around an apostrophe or a hyphen ("envoie-lui", "l'efface");
    an Arabic token also without one clitic letter in front ("وأرسل", "بحذف") and without
    the article."""
    yield token
    parts = re.split(r"['’-]", token)
    if len(parts) > 1:
        yield from (p for p in parts if p)
    if "\u0600" <= token[-1] <= "\u06ff":
        bare = token[1:] if len(token) > 3 and token[0] in _ARABIC_CLITIC else token
        yield bare
        if bare.startswith("ال") and len(bare) > 4:
            yield bare[2:]  # the article: "التقويم" is "تقويم"


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _inflections(stem: str) -> tuple[str, ...]:
    """Regular English forms; -d only after e ("deleted", never "rund"), -es only after a
    sibilant ("fetches", never "textes")."""
    out = [stem, stem + "s", stem + "ed", stem + "ing"]
    if stem.endswith("e"):
        out += [stem + "d", stem[:-1] + "ing"]
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        out.append(stem + "es")
    return tuple(out)


# English forms that are everyday words of a covered language: "pays" (fr: country).
_NOT_ENGLISH: Final = frozenset({"pays"})


class _Matcher:
    """One kind's entries, compiled: whole words, stems, phrases, substrings."""

    def __init__(self, entries: Iterable[tuple[str, bool]]) -> None:
        self.words: set[str] = set()
        self.stems: list[str] = []
        self.phrases: list[str] = []
        self.substrings: list[str] = []
        for raw, english in entries:
            entry = fold(raw)
            if _CJK.search(entry):
                self.substrings.append(entry)
            elif entry.endswith("*"):
                self.stems.append(entry[:-1])
            elif " " in entry:
                self.phrases.append(" " + entry + " ")
            elif english:
                self.words.update(f for f in _inflections(entry) if f not in _NOT_ENGLISH)
            else:
                self.words.add(entry)

    def match(self, words: list[str], joined: str, blanked: str) -> bool:
        for token in words:
            for v in _variants(token):
                if v in self.words or any(v.startswith(s) for s in self.stems):
                    return True
        if any(p in joined for p in self.phrases):
            return True
        return any(s in blanked for s in self.substrings)


def _compile() -> dict[str, _Matcher]:
    kinds: dict[str, list[tuple[str, bool]]] = {}
    for lang, table in LANGUAGES.items():
        for kind, entries in table.items():
            english = lang == "en" and kind not in ("calendar", "schedule")  # listed as written
            kinds.setdefault(kind, []).extend((e, english) for e in entries)
    return {kind: _Matcher(entries) for kind, entries in kinds.items()}


_MATCHERS: Final = _compile()
_EFFECT_KINDS: Final[tuple[Effect, ...]] = (
    "sends_outside",
    "writes_workspace",
    "destroys",
    "executes_code",
    "controls_gateway",
)
_INNOCENT_FOLDED: Final = tuple(fold(w) for w in INNOCENT)


def asked_effects(text: str) -> frozenset[Effect]:
    """The effect kinds the owner's text asks for (always ``read_only``)."""
    words = tokens(text)
    joined = " " + " ".join(words) + " "
    blanked = fold(text)
    for innocent in _INNOCENT_FOLDED:
        blanked = blanked.replace(innocent, " ")
    found: set[Effect] = {"read_only"}
    found.update(k for k in _EFFECT_KINDS if _MATCHERS[k].match(words, joined, blanked))
    if "destroys" in found:
        found.add("writes_workspace")  # deleting a file is also a change to the workspace
    if _MATCHERS["calendar"].match(words, joined, blanked) and _MATCHERS["schedule"].match(
        words, joined, blanked
    ):
        found.add("sends_outside")  # "add … to my calendar with X" invites X
    return frozenset(found)
