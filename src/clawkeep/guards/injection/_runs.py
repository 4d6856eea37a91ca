"""Invisible characters the normaliser does not know, and runs of them, made harmless
before normalisation: every one is a hiding trick the normaliser sees, and it stays linear.
(Small capitals and other letter-like look-alikes are folded, and counted, by the
normaliser itself: ``_lookalikes``.)

Interleaved NULs, other control characters, variation selectors, Mongolian free variation
selectors, musical formatting or interlinear annotation characters are invisible (a
UTF-16 page decoded as UTF-8 is "I\\0g\\0n\\0o\\0r\\0e"), and the normaliser left them
in place: "Ignore all previous instructions" with any of them between its letters was
allowed. Each becomes a zero-width space, which the normaliser removes and, inside a Latin
word, counts. Tab, newline, the other line and page breaks and NEL are whitespace, kept.

The normaliser asks of every zero-width or bidi character whether it splits a Latin word,
looking past its invisible neighbours: over a run of n of them that is n x n steps, and a
20,000-character message of one letter, zero-width spaces and another letter held a core
for minutes. Honest text never has more than a few in a row (an emoji sequence, a
direction mark next to an isolate), and what the run hides is the same with eight of them
as with eight thousand; the count of hiding tricks still sees at least eight.
"""

from __future__ import annotations

import re

__all__ = ["MAX_RUN", "unhide"]

MAX_RUN = 8
_UNKNOWN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # control characters, not whitespace
    "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"  # variation selectors
    "\U0001d173-\U0001d17a\ufff9-\ufffb]"  # musical formatting, interlinear annotation
)
# Zero-width, joiners, direction marks, bidi embeddings/overrides/isolates, word joiner and
# invisible operators, Mongolian vowel separator, BOM, soft hyphen, CGJ, Hangul fillers.
# Tag characters (U+E0000..) are not here: they carry smuggled text, decoded as a whole.
_RANGES = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
_HIDDEN = _RANGES + "\u180e\ufeff\u00ad\u034f\u115f\u1160\u061c"
_RUN = re.compile(f"([{_HIDDEN}]{{{MAX_RUN}}})[{_HIDDEN}]+")


def unhide(text: str) -> str:
    """``text`` with unknown invisible characters as zero-width spaces and every run of
    invisible characters cut to its first ``MAX_RUN``."""
    return _RUN.sub(r"\1", _UNKNOWN.sub("\u200b", text))
