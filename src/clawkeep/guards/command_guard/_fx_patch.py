"""``patch`` writes the files its diff names: the ``+++`` header of each file (the ``---``
one where that is ``/dev/null``), stripped of ``-pN`` leading components, below ``-d DIR``.
Without ``-p`` patch keeps only the base name. The diff is the text the line feeds it (a
here-document, a pipe it knows) or a file the line wrote and names with ``-i`` or ``<``;
each file it names is judged as a write to that path is (``~/.ssh/authorized_keys``,
``~/.bashrc``, ``/etc/…``), and ``-o FILE`` as a write to FILE.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._fx_cap import judged
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["PATCH_RULES"]

_HEADER = re.compile(r"^(\+\+\+|---) ([^\t\n]+?)(?:\t.*)?$", re.M)


def _strip(name: str, level: int | None) -> str:
    name = name.strip().strip('"')
    if level is None:
        return posixpath.basename(name)
    parts = name.split("/")
    return "/".join(parts[level:]) if level < len(parts) else posixpath.basename(name)


def _option(values: list[str], short: str, long: str) -> str | None:
    for index, value in enumerate(values):
        if value in (short, long):
            return values[index + 1] if index + 1 < len(values) else None
        if value.startswith(long + "="):
            return value.split("=", 1)[1]
        if value.startswith(short) and len(value) > 2 and not value.startswith("--"):
            return value[2:]
    return None


def _names(diff: str) -> list[str]:
    """The file each part of the diff changes (``+++``; ``---`` of a deleted file)."""
    names: list[str] = []
    old = ""
    for kind, name in _HEADER.findall(diff):
        if kind == "---":
            old = name
        elif name.strip() != "/dev/null":
            names.append(name)
        elif old and old.strip() != "/dev/null":
            names.append(old)
    return names


def _patch(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    level_text = _option(values, "-p", "--strip")
    level = int(level_text) if level_text and level_text.isdigit() else None
    folder = _option(values, "-d", "--directory")
    out = _option(values, "-o", "--output")
    texts = list(cmd.fed_texts())
    given = _option(values, "-i", "--input")
    for name in [given] if given else []:
        found = w.written.get(w.place(name).path)
        texts += [found] if found is not None else []
    for red in cmd.redirects:
        if red.op == "<" and red.target is not None:
            found = w.written.get(w.place(red.target.text).path)
            texts += [found] if found is not None else []
    if out and out != "-" and UNKNOWN not in out:
        write_target(w.place(out), w, "patch -o")
        return
    for diff in texts:
        for name in judged(_names(diff), "the files a patch changes", w):
            path = _strip(name, level)
            if not path or UNKNOWN in path:
                continue
            if folder and not path.startswith("/") and UNKNOWN not in folder:
                path = f"{folder.rstrip('/')}/{path}"
            write_target(w.place(path), w, "patch")


PATCH_RULES: dict[str, Rule] = {"patch": _patch, "gpatch": _patch}
