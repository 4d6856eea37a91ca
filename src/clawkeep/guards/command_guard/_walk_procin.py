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

import fnmatch
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._sed_text import sed_output
from clawkeep.guards.command_guard._stage_groups import grouped
from clawkeep.guards.command_guard._walk_stages import (
    PASS_THROUGH,
    TRANSFORMS,
    producer,
    reads_text,
    stage_name,
)
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg
from clawkeep.guards.command_guard._words import resolve

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._cmd import Cmd
    from clawkeep.guards.command_guard._parse import Node
    from clawkeep.guards.command_guard._walk import Walker

__all__ = [
    "input_files",
    "matching_written",
    "operand_text",
    "printed_text",
    "redirected_text",
    "stage_input",
    "stdin_copy",
    "transformed",
    "written_under",
]

_FIRST_FD = 63  # bash hands out descriptors from 63 down


def _printed(w: Walker, subst: Node) -> str | None:
    return grouped(w, subst, None, False, producer, stage_name).text


def redirected_text(w: Walker, op: str, dest: Node, target: Arg) -> str | None:
    """The text a ``<`` redirect feeds, where the line gave it; else None."""
    if op not in ("<", "<>"):
        return None
    if target.static:
        return w.written.get(w.place(target.text).path)
    if dest.type == "process_substitution" and w.text(dest).startswith("<("):
        return _printed(w, dest)
    return None


def input_files(w: Walker, words: list[Arg]) -> list[Arg]:
    """``words`` with each lone ``<(…)`` whose output the line gave named as its file."""
    for arg in words:
        if arg.substs:
            break
    else:
        return words  # no substitution at all: nothing to name (the common case)
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
            # `cat /tmp/d/*.sh | sh`: a glob naming files the line wrote reads them all
            globbed = [w.written[p] for p in matching_written(w, a.text)] if text is None else []
            text = "\n".join(globbed) if globbed else text
        elif a.text == UNKNOWN and len(a.substs) == 1 and w.text(a.substs[0]).startswith("<("):
            text = _printed(w, a.substs[0])  # `cat <(echo …) | sh`
        else:
            text = None
        if text is not None:
            texts.append(text)
    return "".join(texts) if texts else None


def printed_text(cmd: Cmd, w: Walker) -> str | None:
    """What ``cmd`` prints where the line gave it: a group's known output (its ``Cmd`` has
    no name and carries that output as its input), or a filter's output of the text it was
    fed or of files the line wrote (``sed -n p <<< …``, ``cat a b``)."""
    if not cmd.name:
        return cmd.stdin.text if cmd.stdin is not None else None
    if cmd.name not in PASS_THROUGH | TRANSFORMS:
        return None
    fed = cmd.fed_texts()
    given = fed[-1] if fed else operand_text(w, cmd.args)
    argv = [a.text for a in cmd.args]
    if cmd.name == "sed":
        return sed_output(argv, given)
    return reads_text(cmd.name, given, argv)[1] if given is not None else None


_STDIN = ("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "-")


def stdin_copy(cmd: Cmd, w: Walker, source: str, target: str) -> None:
    """`cp /dev/stdin f <<< TEXT`, `dd of=f <<< TEXT`: the file holds the text fed."""
    fed = cmd.fed_texts()
    if source in _STDIN and fed:
        w.written[w.place(target).path] = fed[-1]


def transformed(cmd: Cmd, w: Walker) -> bool:
    """``cmd`` changes text the line gave by a script the guard does not follow (`sed -n p
    <<< …`, `awk … file`): what it writes is decoded text, as a decoder's is."""
    return cmd.name in TRANSFORMS and bool(cmd.fed_texts() or operand_text(w, cmd.args))


def written_under(w: Walker, root: str) -> list[str]:
    """Files the line wrote under the folder ``root``."""
    prefix = root.rstrip("/") + "/"
    return [path for path in w.written if path.startswith(prefix)]


_GLOB = re.compile(r"[*?\[]")


def matching_written(w: Walker, pattern: str) -> list[str]:
    """Files the line wrote that a glob pattern names (`sh /tmp/?`, `/tmp/d/*`)."""
    parts = pattern.split("/")
    first = next((i for i, part in enumerate(parts) if _GLOB.search(part)), None)
    if first is None:
        return []
    head = "/".join(parts[:first]) or ("/" if pattern.startswith("/") else ".")
    where = w.place(head).path.rstrip("/") + "/" + "/".join(parts[first:])
    return [path for path in w.written if fnmatch.fnmatchcase(path, where)]


def stage_input(w: Walker, node: Node) -> str | None:
    """The text a pipeline stage reads through its own ``<`` redirect, where the line gave
    it (`cat < /tmp/x | sh`)."""
    for child in node.named_children:
        dest = child.child_by_field_name("destination") if child.type == "file_redirect" else None
        if dest is None:
            continue
        op = next((c.type for c in child.children if not c.is_named), "")
        text = redirected_text(w, op, dest, resolve(dest, w.src, w.env))
        if text is not None:
            return text
    return None
