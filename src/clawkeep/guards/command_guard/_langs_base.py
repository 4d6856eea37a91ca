"""The shapes the inline-code tables are written in: a language's row (``LangRules``), a
quoted literal, a call given a literal, and a pattern scanned only when its needles occur."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["QUOTED", "QUOTED2", "Gated", "LangRules", "calls"]

QUOTED = r"(?P<q>[\"'])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)"
# the same, its groups renamed: a second literal in one pattern
QUOTED2 = QUOTED.replace("q>", "q2>").replace("s>", "s2>").replace("(?P=q)", "(?P=q2)")


class Gated:
    """A pattern of many alternatives, tried only when the text holds one of ``needles``.

    Every alternative of the pattern must contain one of the needles (compared in lower
    case): a text without any needle cannot match, so skipping the scan changes nothing.
    Python's ``re`` tries each alternative at each position; the substring test is ~50x
    cheaper on a few hundred characters of inline code.
    """

    __slots__ = ("needles", "pattern")

    def __init__(self, needles: str, pattern: str, flags: int = 0) -> None:
        self.needles = tuple(needles.lower().split())  # space-separated
        self.pattern = re.compile(pattern, flags)

    def _may_match(self, text: str) -> bool:
        low = text.lower()
        return any(needle in low for needle in self.needles)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self._may_match(text) else iter(())

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text) if self._may_match(text) else text


def calls(names: str, *, first: bool = True) -> re.Pattern[str]:
    """A call to one of ``names`` whose first (or second) argument is a string literal."""
    # one character or one parenthesised group a step: a nested repetition here made a
    # failed search try every split of the first argument (exponential time on a long URL)
    skip = r"" if first else r"(?:[^,()]|\([^()]*\))*,\s*"
    return re.compile(r"(?:" + names + r")\s*\(?\s*" + skip + QUOTED)


@dataclass(frozen=True, slots=True)
class LangRules:
    """What one language can do, as patterns over its source text.

    ``runs``: the string argument is a shell command. ``argv``: group 1 is a list of
    string literals exec'd as an argv. ``deletes`` / ``writes`` / ``downloads``: the
    string argument is a path deleted, written, or where a download is saved.
    ``reads``: the string argument is a path read. ``computed``: a call that starts a
    process given anything but a string literal (built at run time). ``socket``: the code
    opens a raw socket. ``backticks``: text in backticks (or ``Bun.$`…```) is a shell command.
    """

    socket: re.Pattern[str] | None = None
    runs: re.Pattern[str] | None = None
    argv: re.Pattern[str] | None = None
    deletes: re.Pattern[str] | None = None
    writes: tuple[re.Pattern[str], ...] = ()
    downloads: re.Pattern[str] | None = None
    reads: re.Pattern[str] | None = None
    backticks: bool = False
    computed: re.Pattern[str] | None = None
