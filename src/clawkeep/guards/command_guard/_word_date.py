"""What ``$(date +FORMAT)`` prints, for judging the word it stands in: a time stamp in the
shape the format gives, never a slash, a dot-dot or a space. Backup, release and log
scripts name their files ``ws-$(date +%Y%m%d-%H%M%S).tar.zst``; judged as a value known
only at run time, such a name could be any path, and every copy of the workspace's own
archive to the owner's backup host, or delete of last week's one, was refused. A format
that could print a slash or a space (``%D``, ``%c``, ``%x``, ``%e``, a locale's words) or a
date read from elsewhere (``-f FILE``, ``-r FILE``) stays unknown.
"""

from __future__ import annotations

import re

__all__ = ["date_output"]

# Each directive and a value of the same shape (digits, letters, '-', ':', '+').
_SAMPLE = {
    "Y": "2026",
    "G": "2026",
    "C": "20",
    "y": "26",
    "g": "26",
    "m": "01",
    "d": "01",
    "H": "00",
    "I": "12",
    "M": "00",
    "S": "00",
    "s": "1767225600",
    "N": "000000000",
    "j": "001",
    "u": "4",
    "w": "4",
    "U": "00",
    "V": "01",
    "W": "00",
    "F": "2026-01-01",
    "T": "00:00:00",
    "R": "00:00",
    "z": "+0000",
    "Z": "UTC",
    "%": "%",
}
_OPTIONS = frozenset({"-u", "--utc", "--universal"})
_DIRECTIVE = re.compile(r"%[-_0^#]?(\d*)(.)")
_LITERAL = re.compile(r"[A-Za-z0-9_.,:+=@-]*")


def date_output(words: list[str]) -> str | None:
    """The stand-in output of ``date [-u] +FORMAT``; None when it may hold anything else."""
    formats = [w for w in words if w not in _OPTIONS]
    if len(formats) != 1 or not formats[0].startswith("+"):
        return None
    out: list[str] = []
    pos = 0
    text = formats[0][1:]
    for found in _DIRECTIVE.finditer(text):
        literal = text[pos : found.start()]
        sample = _SAMPLE.get(found.group(2))
        if sample is None or not _LITERAL.fullmatch(literal):
            return None
        out.extend((literal, sample))
        pos = found.end()
    tail = text[pos:]
    if "%" in tail or not _LITERAL.fullmatch(tail):
        return None
    out.append(tail)
    result = "".join(out)
    return result if ".." not in result else None
