"""Where a program writes when an option or its last operand names the place: archive
extraction, sort/uniq output, perl -i, git's --git-dir and work tree.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_args import value_of
from clawkeep.guards.command_guard._fx_send import publish
from clawkeep.guards.command_guard._fx_serve import ruby_run
from clawkeep.guards.command_guard._fx_tables import IN_PLACE, WRITES
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._walk import Cmd, Walker

__all__ = ["git", "in_place", "rewrites", "ruby", "writes"]


def writes(cmd: Cmd, w: Walker) -> None:
    options, last, needs = WRITES[cmd.name]
    values = cmd.values()
    if needs:
        flags = "".join(v.lstrip("-") for v in values[:1] if not v.startswith("--"))
        flags += "".join(v[1:] for v in values if v.startswith("-") and not v.startswith("--"))
        if not any((n in flags if len(n) == 1 else n in values) for n in needs):
            return
    for index in range(len(cmd.args)):
        for flag in options:
            value = value_of(cmd.args, index, flag)
            if value is not None and value:
                write_target(w.place(value), w, f"{cmd.name} {flag}")
    if needs and ("P" in flags or "--absolute-names" in values):
        # outside_write: -P keeps the archive's absolute names, so it writes where they say
        w.flag("outside_write", f"{cmd.name} -P extracts to the absolute paths the archive names")
    operands = [v for v in values if not v.startswith("-")]
    if cmd.name == "rsync":
        remote = [v for v in operands if re.match(r"^([\w.-]+@)?[\w.-]+:|^\w+://", v)]
        if remote or len(operands) < 2:
            return
        dest = w.place(operands[-1])
        if "--delete" in " ".join(values) and dest.kind in ("root", "outside", "home", "home_root"):
            # destructive_delete: --delete removes whatever the source lacks in the destination
            w.flag("destructive_delete", f"rsync --delete prunes {dest.path}")
        write_target(dest, w, "rsync")
    elif last and len(operands) >= 2:
        write_target(w.place(operands[-1]), w, cmd.name)
    if cmd.name == "patch" and operands and not any(v in ("-o", "--output") for v in values):
        write_target(w.place(operands[0]), w, "patch")


def in_place(cmd: Cmd, w: Walker) -> None:
    """``perl -pi -e …`` / ``ruby -i``: the file operands are rewritten."""
    values = cmd.values()
    if not any(re.match(r"^-\w*i", v) and not v.startswith("--") for v in values):
        return
    skip = False
    for index, text in enumerate(values):
        if skip:
            skip = False
            continue
        if text in ("-e", "-E", "-M", "-I", "-r"):
            skip = True
            continue
        if not text.startswith("-") and index > 0:
            write_target(w.place(text), w, f"{cmd.name} -i")


def _git_dir(cmd: Cmd, w: Walker) -> None:
    """``git -C DIR clean|reset|checkout`` and ``git clone URL DIR``: where git writes."""
    values = cmd.values()
    verbs = [
        v
        for i, v in enumerate(values)
        if not v.startswith("-")
        and (i == 0 or values[i - 1] not in ("-C", "-c", "--git-dir", "--work-tree"))
    ]
    where = [values[i + 1] for i, v in enumerate(values[:-1]) if v in ("-C", "--work-tree")]
    if verbs[:1] in (["clean"], ["reset"], ["checkout"], ["restore"], ["stash"]) and where:
        found = w.place(where[-1])
        if found.kind in ("root", "outside", "home", "home_root", "state"):
            # destructive_delete: git discards files in a tree outside the workspace
            w.flag("destructive_delete", f"git {verbs[0]} in {found.path}")
    clean = verbs[:1] == ["clean"] and any(re.match(r"-\w*f|--force", v) for v in values)
    discards = clean or (verbs[:1] == ["reset"] and "--hard" in values)
    # a path given to git clean, or the tree the line cd'ed to: where git discards files
    targets = verbs[1:] if clean else []
    targets += ["."] if discards and not where and w.cwd is not None else []
    for text in targets:
        found = w.place(text)
        if found.kind in ("root", "outside", "home", "home_root", "state"):
            # destructive_delete: git discards files in a tree outside the workspace
            w.flag("destructive_delete", f"git {verbs[0]} in {found.path}")
            return
    if verbs[:1] == ["clone"] and len(verbs) >= 3:
        write_target(w.place(verbs[2]), w, "git clone")


def git(cmd: Cmd, w: Walker) -> None:
    publish(cmd, w)
    _git_dir(cmd, w)


def ruby(cmd: Cmd, w: Walker) -> None:
    ruby_run(cmd, w)
    in_place(cmd, w)


def rewrites(cmd: Cmd, w: Walker) -> None:
    """``upx -o /usr/local/bin/x m``, ``strip /usr/bin/ls``, ``patchelf --set-interpreter
    … /usr/bin/sudo``: the output the option names, else every file operand, rewritten."""
    outputs, reads = IN_PLACE[cmd.name]
    values = cmd.values()
    if not values or set(values) & (reads | {"-h", "--help", "-V", "--version"}):
        return
    named = [
        value
        for index in range(len(cmd.args))
        for flag in outputs
        if (value := value_of(cmd.args, index, flag))
    ]
    skip = {i + 1 for i, v in enumerate(values) if v in outputs or v.startswith("--set-")}
    skip |= {i + 1 for i, v in enumerate(values) if v in ("--add-rpath", "--replace-needed")}
    operands = [v for i, v in enumerate(values) if not v.startswith("-") and i not in skip]
    for target in named or operands:
        write_target(w.place(target), w, cmd.name)
