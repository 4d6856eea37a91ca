"""The de-obfuscated view: a text as its writer meant it read, when it was spelled to slip
past the classifier (``1gn0r3``, ``i g n o r e``, ``I.G.N.O.R.E``, ``ʇdɯoɹd``).

Undoing such a spelling takes a guess (is ``5+ay`` "stay" or a sum?), so the guess is not
written into the text the guards judge: it is a second view, scored beside the text, and the
worse score decides. A text gets a view only when it shows one of these spellings, and each
is recognised narrowly so that honest text has none: hashes, UUIDs, versions (v2.3.1), IPs,
e-mail addresses, prices, ordinals and units (1st, 10kg, 3pm), identifiers (utf8, x86_64,
i18n), initialisms (U.S.A., e.g.) and text in scripts without Latin letters are left alone.

What the view undoes, in this order:
- combining marks stacked on an ASCII letter (``i̇gnore``: NFKC had nothing to compose);
- upside-down lines (turned letters, read in reverse);
- words spelled in regional-indicator letters (``🇮 🇬 🇳 🇴 🇷 🇪``);
- words wholly of one other script's look-alikes inside Latin text (``ᏀᎥᏁᎾᏒᎬ``);
- runs of single letters split by spaces or one punctuation mark (``i g n o r e``,
  ``R.E.V.E.A.L``), joined into words, leet digits inside them decoded, and letters joined
  past a word's end split into words again (``ignoreyourrules``, ``_segment``);
- leetspeak inside words that mix letters with digits or symbols (``pr0mpt``, ``d@ta``,
  ``numb€r``, ``w1+h``);
- words cut into fragments (``dis re gard all gui de li nes``, ``_segment``);
- aLtErNaTiNg case;
- misspelled attack words (``sytem pormpt``, ``_typos``).
- before all of these, encoded payloads (base64, hex, escapes, code points, binary, Morse,
  NATO words, a named ROT13/Caesar shift, text named as reversed), ``_decode``.

Linear time: each step is one regular-expression pass or one loop over the text, and no
pattern can backtrack over more than one unit of a run.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from clawkeep.guards.injection._decode import decode_payloads
from clawkeep.guards.injection._lookalikes import tables
from clawkeep.guards.injection._segment import Budget, join_fragments, split_joined
from clawkeep.guards.injection._typos import fix_typos

__all__ = ["View", "deobfuscate"]

_LEET = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "€": "e", "+": "t", "!": "i", "|": "l", "¢": "c",
}  # fmt: skip

# --- leetspeak inside words -------------------------------------------------------------
_TOKEN = re.compile(r"\S+")
_HEAD = "\"'([{<«“‘*_~`"
_TAIL = ".,;:!?\"')]}>»”’*_~`"
_CORE = re.compile(r"[A-Za-z0-9@$€+|!¢]{3,24}")
_INNER = re.compile(r"[A-Za-z][01345789@$€+|!¢]+[A-Za-z]")  # between letters: pr0mpt, d@ta
_INNER_DIGIT = re.compile(r"[A-Za-z][01345789]+[A-Za-z]")
_LEAD = re.compile(r"([01345789][01345789+|]{0,2})([A-Za-z]{2,})")  # 1gnore, 5+ay
_TRAIL = re.compile(r"[A-Za-z]{2,}[01345789@$€+|!¢]{1,2}")  # after letters: th3 (weak)
_HINT = re.compile(r"[A-Za-z][01345789@$€+|!¢]|[01345789][A-Za-z]")
_HEX = re.compile(r"[0-9A-Fa-f]{6,}")  # hashes, colours, ids
_HEX_LITERAL = re.compile(r"0[xXbBoO][0-9A-Fa-f_]+")  # 0xFFFF, 0b1010
_NUMERONYM = re.compile(r"[A-Za-z]\d{2,}[A-Za-z]")  # i18n, a11y, l10n
_UNITS = frozenset(
    {
        "st", "nd", "rd", "th", "am", "pm", "min", "mins", "sec", "secs", "hr", "hrs",
        "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
        "kg", "km", "mb", "gb", "tb", "kb", "ms", "px", "em", "rem", "fps", "mph", "kmh",
        "bit", "bits", "way", "ways", "star", "stars", "times", "x",
    }
)  # fmt: skip

# --- runs of single letters ---------------------------------------------------------------
_UNIT = r"[A-Za-z0-9@$€!]"
_SEP = r"(?P<sep> ?[.,\-–—‐_*/\\|·•∙⋅~+] ?|\s{1,3})"  # one mark, or up to three spaces
_RUN = re.compile(rf"(?<![\w@$€!]){_UNIT}{_SEP}(?:{_UNIT}(?P=sep))+{_UNIT}(?![\w@$€])")
_GAP = re.compile(r"[\s.,;:!?\-]{1,3}")  # between the words of a spaced-out phrase

# --- the rest -----------------------------------------------------------------------------
_COMBINING = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_MARKS = re.compile(rf"(?<=[A-Za-z]){_COMBINING}+")
_FLIP_PUNCT = str.maketrans({"˙": ".", "¿": "?", "¡": "!", "(": ")", ")": "("})
_RI_FIRST, _RI_LAST = 0x1F1E6, 0x1F1FF  # regional indicator symbols A..Z
_RI = re.compile("[\U0001f1e6-\U0001f1ff]")
_RI_LETTERS = {code: chr(ord("a") + code - _RI_FIRST) for code in range(_RI_FIRST, _RI_LAST + 1)}
_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
# A word (not base64) with a lower-to-upper switch inside: "quick" is never looked at twice.
_CASE_WORD = re.compile(r"(?<![\w+/=])(?=[A-Za-z]*[a-z][A-Z])[A-Za-z]{5,}(?![\w+/=])")


def _case_ok(letters: str) -> bool:
    """One case, or Capitalised: random ids and base64 switch case mid-word."""
    capitalised = letters[0].isupper() and letters[1:].islower()
    return letters.islower() or letters.isupper() or capitalised


def _decode(core: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(core):
        if ch.isalpha():
            out.append(ch)
        elif ch == "1":  # 1 for l beside another l or 1 (a11, wi1l), else for i
            near = core[max(i - 1, 0) : i + 2]
            out.append("l" if "l" in near.lower() or near.count("1") > 1 else "i")
        else:
            out.append(_LEET.get(ch, ch))
    word = "".join(out)
    letters = "".join(ch for ch in core if ch.isalpha())
    return word.upper() if letters.isupper() and len(letters) > 1 else word.lower()


def _leet_kind(core: str) -> str | None:
    """'strong' (the text shows leetspeak), 'weak' (decoded only beside a strong one)."""
    if _CORE.fullmatch(core) is None or _HEX.fullmatch(core) or _NUMERONYM.fullmatch(core):
        return None
    if _HEX_LITERAL.fullmatch(core):
        return None
    letters = "".join(ch for ch in core if ch.isalpha())
    if len(letters) < 2 or len(letters) == len(core):
        return None
    case_ok = _case_ok(letters)
    # Ids and base64 switch case mid-word; a short word with digits may be aLtErNaTe leet.
    alternate = len(core) <= 12 and _INNER_DIGIT.search(core) is not None
    if _INNER.search(core) and len(core) >= 4 and (case_ok or alternate):
        return "strong"
    if not case_ok:
        return None
    lead = _LEAD.fullmatch(core)
    if lead is not None:
        head, rest = lead.groups()
        if rest.lower() in _UNITS or (rest[0].isupper() and rest[1:].islower()):
            return None  # 1st, 3pm, 10kg, 5mins; names: 1Password, 7Zip
        short = head.isdigit() and (len(head) > 1 or len(rest) <= 3)  # 4ll, or 4wd
        return "weak" if short else "strong"
    return "weak" if _TRAIL.fullmatch(core) else None


def _leet(text: str) -> tuple[str, int]:
    if _HINT.search(text) is None:  # no digit or symbol beside a letter: nothing to read
        return text, 0
    found: list[tuple[int, int, str]] = []
    kinds: dict[str, tuple[str | None, str]] = {}  # a repeated token is judged once
    strong = 0
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if _HINT.search(token) is None:
            continue
        head = token.lstrip(_HEAD)
        core = head.rstrip(_TAIL)
        if core not in kinds:
            kind = _leet_kind(core)
            kinds[core] = (kind, _decode(core) if kind else core)
        kind, decoded = kinds[core]
        if kind is not None:
            strong += kind == "strong"
            start = m.start() + len(token) - len(head)
            found.append((start, start + len(core), decoded))
    if not strong:
        return text, 0
    out: list[str] = []
    last = 0
    for start, end, decoded in found:
        out.append(text[last:start])
        out.append(decoded)
        last = end
    out.append(text[last:])
    return "".join(out), strong


def _runs(text: str, budget: Budget) -> tuple[str, int]:
    """Join s p a c e d / d.o.t.t.e.d letters; a run of two or three letters only next to a
    longer one (``i g n o r e  a l l``), so U.S.A. and e.g. stay."""
    runs: list[tuple[int, int, str, bool]] = []
    for m in _RUN.finditer(text):
        units = m.group(0)[:: len(m.group("sep")) + 1]
        letters = sum(ch.isascii() and ch.isalpha() for ch in units)
        if letters < 2:
            continue
        runs.append((m.start(), m.end(), units, len(units) >= 4 and letters >= 3))
    keep = [r[3] for r in runs]
    near = [_GAP.fullmatch(text[a[1] : b[0]]) is not None for a, b in itertools.pairwise(runs)]
    for i in range(1, len(runs)):  # short runs chained to a long one, both directions
        keep[i] = keep[i] or (keep[i - 1] and near[i - 1])
    for i in reversed(range(len(runs) - 1)):
        keep[i] = keep[i] or (keep[i + 1] and near[i])
    if not any(keep):
        return text, 0
    out: list[str] = []
    last = 0
    for i, ((start, end, units, _), kept) in enumerate(zip(runs, keep, strict=True)):
        if kept:
            # Between two joined runs the gap is the spelling's separator, not punctuation:
            # "R E V E A L. T H E. P R O M P T." reads "REVEAL THE PROMPT".
            joined = i > 0 and keep[i - 1] and near[i - 1] and last == runs[i - 1][1]
            out.append(" " if joined else text[last:start])
            out.append(split_joined(units if units.isalpha() else _decode(units), budget))
            last = end
    out.append(text[last:])
    return "".join(out), sum(keep)


def _upside_down(text: str) -> tuple[str, int]:
    table = tables()
    lines = text.split("\n")
    flipped = 0
    for i, line in enumerate(lines):
        turned = table.upside_down.intersection(line)
        if sum(line.count(ch) for ch in turned) >= 3:
            lines[i] = line[::-1].translate(table.flip).translate(_FLIP_PUNCT)
            flipped += 1
    return ("\n".join(lines), flipped) if flipped else (text, 0)


def _regional(text: str) -> tuple[str, int]:
    if len(_RI.findall(text)) < 5:  # a flag or two is a flag, not a word
        return text, 0
    return text.translate(_RI_LETTERS), 1


def _other_script_words(text: str) -> tuple[str, int]:
    """Words wholly of another script's look-alikes (``ᏀᎥᏁᎾᏒᎬ``, ``СОРУ``) in Latin text
    that holds no other letter of that script: honest Russian or Cherokee text always has
    letters that look like no Latin one."""
    table = tables()
    chars = set(text)
    lookalikes = chars & table.other.keys()
    if not lookalikes or len(list(itertools.islice(_ASCII_WORD.finditer(text), 3))) < 3:
        return text, 0
    scripts = {table.other[ch][1] for ch in lookalikes}
    honest = {
        table.script(ch)
        for ch in chars - lookalikes
        if not ch.isascii() and ch.isalpha() and ch not in table.latin
    }
    disguised = scripts - honest
    if not disguised:
        return text, 0
    count = 0

    def fold(m: re.Match[str]) -> str:
        nonlocal count
        word = m.group(0)
        if word.isascii() or len(word) < 2:
            return word
        letters = set(word)
        if not letters <= lookalikes or {table.other[ch][1] for ch in letters} - disguised:
            return word
        count += 1
        return word.translate(table.fold_other)

    folded = _LETTERS.sub(fold, text)
    return folded, count


def _alternating(text: str) -> tuple[str, int]:
    count = 0

    def lower(m: re.Match[str]) -> str:
        nonlocal count
        word = m.group(0)
        switches = sum(a.isupper() != b.isupper() for a, b in itertools.pairwise(word))
        if switches >= 4 and switches >= 0.6 * (len(word) - 1):
            count += 1
            return word.lower()
        return word

    return _CASE_WORD.sub(lower, text), count


class View(NamedTuple):
    """The second view (None when the text shows no obfuscated spelling), how many
    spellings it undid, and how many runs of joined letters were too long to read."""

    text: str | None
    undone: int
    unread: int


def deobfuscate(text: str) -> View:
    """The de-obfuscated view of ``text`` (already normalised)."""
    total = 0
    view = text
    if not text.isascii():
        for step in (_upside_down, _regional, _other_script_words):
            view, n = step(view)
            total += n
        view, n = _MARKS.subn("", view)
        total += n
    view, n = decode_payloads(view)  # first: leet and letter runs would break base64
    total += n
    budget = Budget()
    view, n = _runs(view, budget)
    total += n
    for step in (_leet, join_fragments, _alternating, fix_typos):
        view, n = step(view)
        total += n
    return View(view, total, budget.unread) if total else View(None, 0, 0)
