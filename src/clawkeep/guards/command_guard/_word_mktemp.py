"""Where ``$(mktemp …)`` creates its file, for judging the word it stands in: the directory
``-p``/``--tmpdir`` names, ``/tmp`` for ``-t`` or no template, else the current directory.
"""

from __future__ import annotations

__all__ = ["mktemp_path"]


def mktemp_path(words: list[str], workspace: str) -> str:
    """Where mktemp creates its file: -p/--tmpdir DIR, -t: TMPDIR, a bare template: here."""
    where: str | None = None
    template = ""
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("-p", "--tmpdir") and index + 1 < len(words):
            where, index = words[index + 1], index + 2
            continue
        if word.startswith("--tmpdir="):
            where = word.split("=", 1)[1]
        elif word == "--tmpdir" or (word.startswith("-") and "t" in word and word[:2] != "--"):
            where = "/tmp"  # noqa: S108 - judging where mktemp puts files, not using it
        elif not word.startswith("-"):
            template = word
        index += 1
    name = (template or "tmp.XXXXXXXXXX").replace("X", "a")
    if where is None:
        where = workspace if template else "/tmp"  # noqa: S108 - as above
    return where.rstrip("/") + "/" + name
