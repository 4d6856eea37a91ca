"""Files inline code writes, and what running them later in the line means.

A file that inline code writes holds what that code computed, which the guard does not
follow: run later in the line (``python3 -c "open('/tmp/x','w').write(…)"; sh /tmp/x``), it
is judged as decoded text is (refused), not as a file of unknown origin (left to the
sandbox). The write calls each language's rules name are recorded where they are matched;
this module adds the spellings those rules leave out (pathlib's ``write_text``, Perl's
``open(F, ">path")``, Python's ``shutil.copy``/``os.rename`` destinations).
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["code_writes", "made_by_code", "written_by_call"]

_Q = r"([\"'])([^\"'\n]{1,4096})\1"
_MORE_WRITES = (
    re.compile(
        r"Path\s*\(\s*" + _Q + r"\s*\)\s*\.\s*(?:write_text|write_bytes|open\s*\(\s*[\"'][wax])"
    ),
    re.compile(r"\bopen\s*\(?\s*(?:my\s+)?\$?\w+\s*,\s*[\"']\+?>>?\s*([^\"'\n]{1,4096})[\"']"),
    re.compile(r"\bopen\s*\(?\s*(?:my\s+)?\$?\w+\s*,\s*[\"']\+?>>?[\"']\s*,\s*" + _Q),
    re.compile(
        r"\b(?:shutil\.(?:copy\w*|move)|os\.(?:rename|replace|link|symlink))\s*\(\s*"
        r"[^,]+,\s*" + _Q
    ),
)


def code_writes(code: str) -> list[str]:
    """Paths ``code`` writes by the spellings the language rules leave out."""
    found: list[str] = []
    for pattern in _MORE_WRITES:
        for match in pattern.finditer(code):
            found.append(match.groups()[-1])
    return found


def made_by_code(w: Walker, text: str) -> None:
    """Record that code the guard does not follow wrote the file ``text`` names."""
    if not text or re.fullmatch(r"[rwabxt+]+", text):
        return  # a mode string, not a path
    path = w.place(text).path
    w.written.pop(path, None)
    w.downloaded.add(posixpath.basename(path))


def written_by_call(call: str, strings: list[str]) -> list[str]:
    """The path a write call's string arguments name (``open`` only with a write mode)."""
    if call == "open":
        return strings[:1] if len(strings) > 1 and re.search(r"[wax+]", strings[1]) else []
    return strings[1:2] if call in ("urlretrieve", "download", "copyfile") else strings[:1]
