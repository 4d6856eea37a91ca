"""Runs of invisible characters are cut short before normalisation, so it stays linear.

The normaliser asks of every zero-width or bidi character whether it splits a Latin word,
looking past its invisible neighbours: over a run of n of them that is n x n steps, and a
20,000-character message of one letter, zero-width spaces and another letter held a core
for minutes. Honest text never has more than a few in a row (an emoji sequence, a
direction mark next to an isolate), and what the run hides is the same with eight of them
as with eight thousand; the count of hiding tricks still sees at least eight.
"""

from __future__ import annotations

import re

__all__ = ["MAX_RUN", "bound_hidden_runs"]

MAX_RUN = 8
# Zero-width, joiners, direction marks, bidi embeddings/overrides/isolates, word joiner and
# invisible operators, Mongolian vowel separator, BOM, soft hyphen, CGJ, Hangul fillers.
# Tag characters (U+E0000..) are not here: they carry smuggled text, decoded as a whole.
_RANGES = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
_HIDDEN = _RANGES + "\u180e\ufeff\u00ad\u034f\u115f\u1160\u061c"
_RUN = re.compile(f"([{_HIDDEN}]{{{MAX_RUN}}})[{_HIDDEN}]+")


def bound_hidden_runs(text: str) -> str:
    """``text`` with every run of invisible characters cut to its first ``MAX_RUN``."""
    return _RUN.sub(r"\1", text)
