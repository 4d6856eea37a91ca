"""The file a program reads as its code, where this line made that file.

A shell, an interpreter or ``source`` given a script, bash's ``--rcfile``, ``awk -f`` and
``sed -f`` read a program from a file. When the line wrote that file with text known here
(``printf … > f``), that text is the program and is judged; when the line downloaded it,
running it runs the download; when the line wrote it with text only the run knows
(``sort -o f``, ``shuf -o f``, ``cp /dev/stdin f``, ``dd of=f``), what runs is decided at
run time and is refused. ``/dev/stdin``, ``/dev/fd/N`` and ``/proc/self/fd/N`` name what
the command's own redirects and input give it: that text is the program.
"""

from __future__ import annotations

import fnmatch
import re

from clawkeep.guards.command_guard._cmd import IN_OPS, Cmd
from clawkeep.guards.command_guard._fx_cap import judged
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._walk_procin import matching_written
from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["program_texts"]

# A descriptor of the process itself: /dev/fd/3, /proc/self/fd/3, /proc/4242/fd/3.
_DESCRIPTOR = re.compile(r"^/(?:dev/fd|proc/(?:self|thread-self|\d+)/fd)/(\d+)$")
_STDIN = frozenset({"/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"})
_GLOB = re.compile(r"[*?\[]")
_PRODUCED = frozenset({"download", "decode", "cipher"})


def program_texts(cmd: Cmd, w: Walker, arg: Arg, what: str) -> list[tuple[str, str]]:
    """``(path, text)`` of each program text the file ``arg`` names, where the line gave
    that text; a file whose text the guard cannot know, though the line made it, is
    flagged here. A file the line did not make (the project's own) gives nothing."""
    if not arg.static and not arg.substs:
        # dynamic_command: which file holds the program is decided at run time
        w.flag("dynamic_command", f"{what} runs a script named only at run time")
        return []
    if arg.substs and w.subst_kinds(arg) & _PRODUCED:
        w.flag("download_exec", f"{what} runs the output of a download or a decoder")
        return []
    if not arg.static:
        return []
    if w.fetched(arg.text):
        w.flag("download_exec", f"{what} runs {arg.text}, downloaded by this command line")
        return []
    path = w.place(arg.text).path
    texts: list[tuple[str, str]] = []
    if (text := w.written.get(path)) is not None:
        texts.append((arg.text, text))
    descriptor = _DESCRIPTOR.match(path)
    if descriptor is not None or path in _STDIN:
        # /dev/fd/3 with `3< f`: the program is what the redirect opens (a /dev/fd/63 of a
        # `<(…)` the line wrote is judged above as well)
        number = int(descriptor.group(1)) if descriptor is not None else 0
        return texts + _descriptor_texts(cmd, w, number if not texts else 0, what)
    if texts:
        return texts
    if paths := matching_written(w, arg.text):
        # `sh /tmp/?`, `sh /tmp/d/*`: a glob that names files the line wrote runs them
        return [(p, w.written[p]) for p in judged(paths, "the written files a glob runs", w)]
    if path in w.line_writes or _matching_touched(w, arg.text):
        # dynamic_command: the line wrote this file with text only the run knows (sort -o,
        # sponge, cp /dev/stdin …): running it runs whatever the run put there
        w.flag("dynamic_command", f"{what} runs {arg.text}, written by this line unseen")
    return []


def _descriptor_texts(cmd: Cmd, w: Walker, number: int, what: str) -> list[tuple[str, str]]:
    """What a program reading its code from descriptor ``number`` reads. The guard keeps
    no descriptor number of a redirect, so every input the command is given counts."""
    texts: list[tuple[str, str]] = []
    given = False
    for red in cmd.redirects:
        if red.kinds & _PRODUCED:  # `3<<< "$(curl …)"`: the program is the download
            w.flag("download_exec", f"{what} runs a download or decoded text it is given")
            given = True
        elif red.body is not None:  # a heredoc, a here-string, `3< f` of a written file
            texts.append((f"/dev/fd/{number}", red.body))
            given = True
        elif red.op in IN_OPS and red.target is not None:
            given = True
            if not _DESCRIPTOR.match(red.target.text) and red.target.text not in _STDIN:
                texts += program_texts(cmd, w, red.target, what)
    if cmd.stdin is not None:
        given = True
        if cmd.stdin.kinds & _PRODUCED:
            w.flag("download_exec", f"{what} runs a download or decoded text fed on its input")
        elif cmd.stdin.text is not None:
            texts.append(("/dev/stdin", cmd.stdin.text))
    if not given and number != 0:
        # dynamic_command: a descriptor opened elsewhere (`exec 3< f`, a group's redirect)
        # holds text this command alone does not show
        w.flag("dynamic_command", f"{what} runs a script read from descriptor {number}")
    return texts


def _matching_touched(w: Walker, pattern: str) -> bool:
    """A file the line wrote unseen is among those a glob pattern names."""
    parts = pattern.split("/")
    first = next((i for i, part in enumerate(parts) if _GLOB.search(part)), None)
    if first is None:
        return False
    head = "/".join(parts[:first]) or ("/" if pattern.startswith("/") else ".")
    where = w.place(head).path.rstrip("/") + "/" + "/".join(parts[first:])
    return any(fnmatch.fnmatchcase(path, where) for path in w.line_writes if path not in w.written)
