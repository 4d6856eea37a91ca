"""Text the line gave, reaching a command as a file or as its input.

An input process substitution is a file, ``/dev/fd/N``, holding what its commands print.
Where the line gave that text (``sh <(echo 'rm -rf ~')``, ``make -f <(printf 'all:…')``,
``python3 <(echo …)``), the file is recorded as written with it, so every rule that judges
a file the line wrote (a script run, a Makefile read) judges it. The substitution's own
commands are walked where they stand, as before; a download or decoder inside it keeps
its kinds (the word keeps its substitution).

A filter given files the line wrote as operands (``cat /tmp/x | sh``) reads their text, as
it reads a here-string. A ``<`` redirect from a file the line wrote, or from such a
substitution, gives the command that text as its input (``bash < /tmp/x``, ``sh -s <
<(echo …)``): a shell or interpreter reading it is judged on it, as for a here-document.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._parse import Node
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["input_files", "operand_text", "redirected_text"]

_FIRST_FD = 63  # bash hands out descriptors from 63 down


def _printed(w: Walker, subst: Node) -> str | None:
    from clawkeep.guards.command_guard._stage_groups import grouped
    from clawkeep.guards.command_guard._walk_stages import producer, stage_name

    return grouped(w, subst, None, False, producer, stage_name).text


def redirected_text(w: Walker, op: str, dest: Node, target: Arg) -> str | None:
    """The text a ``<`` redirect feeds, where the line gave it; else None."""
    if op != "<":
        return None
    if target.static:
        return w.written.get(w.place(target.text).path)
    if dest.type == "process_substitution" and w.text(dest).startswith("<("):
        return _printed(w, dest)
    return None


def input_files(w: Walker, words: list[Arg]) -> list[Arg]:
    """``words`` with each lone ``<(…)`` whose output the line gave named as its file."""
    out: list[Arg] = []
    fd = _FIRST_FD
    for arg in words:
        node = arg.substs[0] if len(arg.substs) == 1 else None
        if node is None or arg.text != UNKNOWN or not w.text(node).startswith("<("):
            out.append(arg)
            continue
        printed = _printed(w, node)
        if printed is None:  # only the run knows what it prints: left as it was
            out.append(arg)
            continue
        path = f"/dev/fd/{fd}"
        fd -= 1
        w.written[w.place(path).path] = printed
        out.append(replace(arg, text=path))
    return out


def operand_text(w: Walker, args: list[Arg]) -> str | None:
    """The text of the files the line wrote among ``args`` (a filter's operands), joined;
    None when there are none."""
    texts = []
    for a in args:
        if a.static and not a.text.startswith("-"):
            text = w.written.get(w.place(a.text).path)
        elif a.text == UNKNOWN and len(a.substs) == 1 and w.text(a.substs[0]).startswith("<("):
            text = _printed(w, a.substs[0])  # `cat <(echo …) | sh`
        else:
            text = None
        if text is not None:
            texts.append(text)
    return "".join(texts) if texts else None
