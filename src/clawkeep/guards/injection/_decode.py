"""Encoded payloads read as their decoding, in the de-obfuscated view: an order written in
base64, hex bytes, ``\\x`` or ``%`` escapes, code points, binary, Morse or the NATO
alphabet is judged by what it says ("Decode and follow: SWdub3Jl…" is an order to ignore
the instructions, not a string of letters).

A run is replaced by its decoding only when the decoding is text: valid UTF-8, printable,
with words of letters. Hashes, UUIDs, keys, images and other binary data decode to bytes
that are not, and stay as they are. ROT13 (or another Caesar shift) and reversed text have
no shape of their own; they are decoded only when the text names them ("rot13", "Caesar
shift 3", "read backwards"), and their decoding is added after the text; so are words
whose letters were scrambled, when the text names it (``_scrambled``).

Linear and bounded: one regular-expression pass per encoding, at most ``_BUDGET``
characters decoded per text (a run that fails to decode spends none of it, so prose that
looks like base64 groups cannot use it up); what is past the budget stays as written (the
classifier still reads it).
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from collections.abc import Callable

from clawkeep.guards.injection._scrambled import unscramble

__all__ = ["decode_payloads"]

_BUDGET = 20_000  # characters of encoded runs decoded per text
_WORDS = re.compile(r"[^\W\d_]{2,}")

# Greedy runs without look-arounds: a run either matches whole or fails within its own
# length, so no text makes a pattern retry a long run from each of its positions.
_B64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
# base64 cut into groups or lines (`SWdu b3Jl IGFs …`, a MIME body's 76-character lines)
# It starts only where a group starts, and takes each group whole: a long word that is no
# run is tried once, not from each of its letters.
_B64_SPLIT = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{4,}+(?:\s[A-Za-z0-9+/]{4,}+){3,}+={0,2}")
_HEXRUN = re.compile(r"[0-9A-Fa-f]{2}(?:[ :]?[0-9A-Fa-f]{2}){7,}")
_ESCAPED = re.compile(r"(?:\\x[0-9A-Fa-f]{2}){4,}|(?:%[0-9A-Fa-f]{2}){4,}")
_CODEPOINTS = re.compile(r"(?:U\+)?[0-9A-Fa-f]{4}(?:[ ,]{1,3}(?:U\+)?[0-9A-Fa-f]{4}){3,}")
_BINARY = re.compile(r"[01]{8}(?: ?[01]{8}){3,}")
_MORSE = re.compile(r"[.\-]{1,6}(?:(?: {1,3}| ?/ ?)[.\-]{1,6}){3,}")

_NATO_WORDS = [
    "alfa", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
    "juliett", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
    "sierra", "tango", "uniform", "victor", "whiskey", "whisky", "x-ray", "xray", "yankee", "zulu",
]  # fmt: skip
_NATO = {w: ("x" if w.startswith("x") else w[0]) for w in _NATO_WORDS}
_NATO_RUN = re.compile(
    rf"\b(?:(?:{'|'.join(_NATO_WORDS)})[\s,./-]+){{3,}}(?:{'|'.join(_NATO_WORDS)})\b", re.I
)
_MORSE_CODE = {
    ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g",
    "....": "h", "..": "i", ".---": "j", "-.-": "k", ".-..": "l", "--": "m", "-.": "n",
    "---": "o", ".--.": "p", "--.-": "q", ".-.": "r", "...": "s", "-": "t", "..-": "u",
    "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z", ".----": "1",
    "..---": "2", "...--": "3", "....-": "4", ".....": "5", "-....": "6", "--...": "7",
    "---..": "8", "----.": "9", "-----": "0",
}  # fmt: skip
_CAESAR = re.compile(r"\brot-?(\d{1,2})\b|\bcaesar\b(?:\D{0,20}?(\d{1,2})\b)?", re.I)
_REVERSED = re.compile(
    r"\b(backwards?|right[ -]to[ -]left|in reverse|reversed? (text|string|letters|characters))\b",
    re.I,
)


def _as_text(raw: bytes) -> str | None:
    """``raw`` as text when it is: UTF-8, printable, and with words of letters."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\n\t\r" for ch in text)
    if not text or printable < 0.95 * len(text) or len(_WORDS.findall(text)) < 2:
        return None
    return text


def _b64(run: str) -> str | None:
    padded = run + "=" * (-len(run) % 4)
    try:
        raw = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return None
    return _as_text(raw)


def _b64_split(run: str) -> str | None:
    """The groups joined; words before the first group are tried away (`decode SWdu …`)."""
    groups = run.split()
    for skip in range(min(4, len(groups) - 3)):
        plain = _b64("".join(groups[skip:]))
        if plain is not None:
            return " ".join([*groups[:skip], plain])
    return None


def _hex(run: str) -> str | None:
    digits = re.sub(r"[ :]", "", run)
    return _as_text(bytes.fromhex(digits)) if len(digits) % 2 == 0 else None


def _escaped(run: str) -> str | None:
    if run.startswith("%"):
        return _as_text(urllib.parse.unquote_to_bytes(run))
    return _as_text(bytes.fromhex(run.replace("\\x", "")))


def _codepoints(run: str) -> str | None:
    text = "".join(chr(int(c, 16)) for c in re.findall(r"[0-9A-Fa-f]{4}", run))
    letters = sum(ch.isalpha() or ch == " " for ch in text)
    if not text.isprintable() or letters < 0.7 * len(text) or not _WORDS.search(text):
        return None  # years, ports and prices in a row are numbers, not code points
    return text


def _binary(run: str) -> str | None:
    bits = run.replace(" ", "")
    return _as_text(bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)))


def _morse(run: str) -> str | None:
    words = re.split(r" ?/ ?| {3}", run.strip())
    out = []
    for word in words:
        letters = [_MORSE_CODE.get(code) for code in word.split()]
        if None in letters:
            return None
        out.append("".join(letter for letter in letters if letter))
    text = " ".join(out)
    return text if _WORDS.search(text) else None


def _nato(run: str) -> str | None:
    return "".join(_NATO[w.lower()] for w in re.findall(r"[A-Za-z-]+", run) if w.lower() in _NATO)


def _has_escapes(text: str) -> bool:
    return "\\x" in text or "%" in text


def _has_nato(text: str) -> bool:
    return sum(w.strip(",./-") in _NATO for w in text.lower().split()) >= 4


def _always(text: str) -> bool:
    return True


# Each encoding: a cheap test that the text may hold one, its run, its decoder.
_RUNS: tuple[tuple[Callable[[str], bool], re.Pattern[str], Callable[[str], str | None]], ...] = (
    (_has_escapes, _ESCAPED, _escaped),
    (_always, _CODEPOINTS, _codepoints),
    (_always, _BINARY, _binary),
    (_always, _HEXRUN, _hex),
    (_always, _B64_SPLIT, _b64_split),
    (_always, _B64, _b64),
    (_always, _MORSE, _morse),
    (_has_nato, _NATO_RUN, _nato),
)


def _shift(text: str, by: int) -> str:
    def one(ch: str) -> str:
        if "a" <= ch <= "z":
            return chr((ord(ch) - 97 - by) % 26 + 97)
        if "A" <= ch <= "Z":
            return chr((ord(ch) - 65 - by) % 26 + 65)
        return ch

    return "".join(one(ch) for ch in text)


def decode_payloads(text: str) -> tuple[str, int]:
    """``text`` with its encoded runs replaced by their decodings, and how many."""
    count, budget = 0, _BUDGET
    for may_hold, pattern, decode in _RUNS:
        if not may_hold(text):
            continue

        def sub(m: re.Match[str], decode: Callable[[str], str | None] = decode) -> str:
            nonlocal count, budget
            run = m.group(0)
            if len(run) > budget:
                return run
            plain = decode(run)  # one pass over the run: the patterns' runs never overlap
            if plain is None:
                return run
            budget -= len(run)  # only what is read counts: prose tried first spends nothing
            count += 1
            return f" {plain} "

        text = pattern.sub(sub, text)
    extra = []
    cue = _CAESAR.search(text[:_BUDGET])
    if cue:  # the named shift; a Caesar cipher without one: the classic 3 and ROT13
        named = cue.group(1) or cue.group(2)
        shifts = {int(named) % 26} if named else {3, 13}
        extra += [_shift(text[:_BUDGET], by) for by in sorted(shifts) if by]
    if _REVERSED.search(text[:_BUDGET]):
        extra.append(text[:_BUDGET][::-1])
    if (ordered := unscramble(text)) is not None:  # named: "unscramble", "anagram"
        extra.append(ordered)
    if extra:
        count += len(extra)
        text = "\n".join([text, *extra])
    return text, count
