"""Where an archive's members land when the extraction renames them: GNU tar's
``--transform``/``--xform`` (and bsdtar's ``-s``) can prefix every member with ``../`` or an
absolute folder, so ``tar -xf a.tar --transform='s,^,../../home/agent/.config/autostart/,'``
writes beyond the folder it extracts into. The replacement is judged as a write there.
"""

from __future__ import annotations

import posixpath

from clawkeep.guards.command_guard._fx_args import value_of
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._long_opts import unabbreviated
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["ARCHIVE_RULES"]


def _extracts(values: list[str]) -> bool:
    first = values[0] if values else ""
    bundled = first if first and not first.startswith("-") and "." not in first else ""
    short = [v for v in values if v.startswith("-") and not v.startswith("--")]
    return "x" in bundled or any("x" in f for f in short) or "--extract" in values


def _replacements(cmd: Cmd) -> list[str]:
    found: list[str] = []
    flags = ("--transform", "--xform") if cmd.name == "tar" else ("-s",)
    args = unabbreviated(cmd.name, cmd.args)  # `--transf=…`: GNU tar takes a prefix
    for index in range(len(args)):
        for flag in flags:
            value = value_of(args, index, flag)
            if cmd.name == "tar" and value and value[0] == "s":
                value = value[1:]  # tar: s,REGEX,REPL,FLAGS; bsdtar: ,REGEX,REPL,FLAGS
            if value and len(value) > 1:
                parts = value[1:].split(value[0])
                if len(parts) > 1:
                    found.append(parts[1])
    return found


def renamed(cmd: Cmd, w: Walker) -> None:
    values = [a.text for a in unabbreviated(cmd.name, cmd.args)]
    if not _extracts(values):
        return
    into = next(
        (values[i + 1] for i, v in enumerate(values[:-1]) if v in ("-C", "--directory")),
        w.cwd or w.env.workspace,
    )
    for replacement in _replacements(cmd):
        if UNKNOWN in replacement or not (replacement.startswith("/") or ".." in replacement):
            continue
        target = posixpath.normpath(posixpath.join(into, replacement.replace("&", "x")))
        # the members land where the rename points, beyond the extraction folder
        write_target(w.place(target), w, f"{cmd.name}'s renamed members")


ARCHIVE_RULES: dict[str, Rule] = {"tar": renamed, "bsdtar": renamed}
