"""Whether a program that passes lines on unchanged is told, by its options, to change
them: to cut inside a line (``head -c``, ``tail -c +3``, ``grep -o``, ``dd skip=2``), to
replace text (``rg -r``) or to convert it (``dd conv=lcase``). Given text through such a
stage is no longer the text the line wrote (``echo 'xxrm -rf ~' | tail -c +3 | sh`` runs
``rm -rf ~``), so it is handed on as decoded, as ``tr`` or ``awk`` output is.
"""

from __future__ import annotations

import re

__all__ = ["cuts_lines"]

# dd operands that only name files or report: anything else (conv=, skip=, bs=, count=,
# cbs=, seek=) converts or slices the bytes.
_DD_PLAIN = ("if=", "of=", "status=", "iflag=", "oflag=")
_BYTES = re.compile(r"^(?:-[a-zA-Z]*c|--bytes)")
_ONLY_MATCHING = re.compile(r"^(?:-[a-zA-Z]*o|--only-matching)")
_REPLACE = re.compile(r"^(?:-[a-zA-Z]*r|--replace)")


def cuts_lines(name: str, argv: list[str]) -> bool:
    """True when ``name`` with ``argv`` may print text other than whole lines it read."""
    if name == "dd":
        return any(not a.startswith(_DD_PLAIN) for a in argv)
    if name in ("head", "tail"):
        return any(_BYTES.match(a) for a in argv)
    if name in ("grep", "egrep", "fgrep"):
        return any(_ONLY_MATCHING.match(a) for a in argv if not a.startswith("--") or "only" in a)
    if name == "rg":
        return any(_ONLY_MATCHING.match(a) or _REPLACE.match(a) for a in argv)
    return False
