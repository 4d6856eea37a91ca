"""What file commands do to the places they name: deletes of roots, raw disk writes,
permission changes, copies and tee beyond the workspace.
"""

from __future__ import annotations

import itertools
import posixpath
import re

from clawkeep.guards.command_guard._cmd import Cmd, command_name
from clawkeep.guards.command_guard._io_args import operands_of, short_flags
from clawkeep.guards.command_guard._io_links import links
from clawkeep.guards.command_guard._io_tables import CACHE, DELETE_BLOCKED
from clawkeep.guards.command_guard._io_write import (
    new_tool,
    planted_option,
    pool_config,
    write_target,
)
from clawkeep.guards.command_guard._path_caches import regenerable
from clawkeep.guards.command_guard._path_secrets import persistence, user_bin, user_bin_entry
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._walk_procin import stdin_copy
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["copy", "dd", "disk", "mkdir", "perms", "rm", "tee"]


def rm(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    flags = short_flags(values)
    recursive = "r" in flags.lower() or "--recursive" in values or cmd.name == "shred"
    for target in operands_of(values):
        found = w.place(target)
        if found.kind == "unknown":
            if recursive:
                w.flag(
                    "destructive_delete", f"{cmd.name} -r of {found.path}, known only at run time"
                )
        elif found.kind == "workspace_root" and not found.contents:
            w.flag("destructive_delete", f"{cmd.name} deletes the whole workspace")
        elif found.kind == "home" and CACHE.search(found.path):
            continue  # ~/.cache and package caches are disposable by definition
        elif regenerable(found):
            continue  # apt's lists and archives: the package manager fetches them again
        elif found.kind in DELETE_BLOCKED:
            w.flag("destructive_delete", f"{cmd.name} deletes {found.path} ({found.kind})")


def dd(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    source = next((v[3:] for v in values if v.startswith("if=")), "/dev/stdin")
    for arg in values:
        if arg.startswith("of="):
            write_target(w.place(arg[3:]), w, "dd")
            w.written.pop(w.place(arg[3:]).path, None)  # what it copies is not known here
            stdin_copy(cmd, w, source, arg[3:])  # `dd of=f <<< TEXT`: unless fed by the line


_SGDISK_READS = frozenset({"-p", "--print", "-v", "--verify", "-i", "--info", "-P", "--pretend"})
_SGDISK_READS |= frozenset({"-L", "--list-types", "-O", "--print-mbr", "-V", "--version"})


def disk(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "fdisk" and set(values) <= {"-l", "--list", "-V", "--version", "-h"}:
        return
    if cmd.name == "parted" and not re.search(
        r"\b(mklabel|mkpart|rm|resizepart|mkfs)\b", " ".join(values)
    ):
        return
    if cmd.name == "cryptsetup" and not {"luksFormat", "erase", "luksErase"} & set(values):
        return
    if (
        cmd.name == "sgdisk"
        and values
        and set(values) <= _SGDISK_READS | {v for v in values if not v.startswith("-")}
    ):
        return  # printing or verifying the table changes nothing
    if set(values) <= {"-V", "--version", "-h", "--help"} and values:
        return
    targets = [w.place(v) for v in operands_of(values, frozenset({"-t", "-L", "-b", "-O", "-o"}))]
    if cmd.name in ("mkfs", "wipefs", "sgdisk") and targets and all(t.inside for t in targets):
        return  # an image file in the workspace is not a disk
    w.flag("disk_write", f"{cmd.name} formats or rewrites a disk")


# A mode that sets the set-user-id or set-group-id bit (4755, 2755, u+s, g=rxs …).
_SETID = re.compile(r"[ugoa]*[+=][rwxXt]*s|^0?[2467][0-7]{3}$")


def perms(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    operands = operands_of(values, frozenset({"--reference"}))
    if cmd.name == "chattr":
        operands = [v for v in values if not v.startswith(("-", "+", "="))]
    elif cmd.name == "setfacl":
        operands = operands_of(values, frozenset({"-m", "-x", "-M", "-X"}))
    elif operands:
        mode, operands = operands[0], operands[1:]
        if cmd.name == "chmod" and _SETID.search(mode):
            w.flag("privilege", f"chmod {mode} sets a set-id bit")
        recursive = "R" in short_flags(values) or "--recursive" in values
        # inside the workspace or a temp dir a world-writable tree is the agent's own business
        own = all(w.place(t).kind in ("workspace", "temp") for t in operands)
        if (
            cmd.name == "chmod"
            and recursive
            and not own
            and re.search(r"^[0-7]*[2367]$|[oa]\+[rx]*w|^\+?w", mode)
        ):
            w.flag("system_perms", f"chmod -R {mode} makes a whole tree world-writable")
    for target in operands:
        found = w.place(target)
        tool = user_bin_entry(found, w.ctx)
        if tool is not None and cmd.name == "chmod" and new_tool(tool):
            continue  # `chmod +x ~/.local/bin/tool` (set-id bits were judged above)
        if found.kind not in ("workspace", "temp", "stream", "unknown", "workspace_root"):
            w.flag("system_perms", f"{cmd.name} changes {found.path} ({found.kind})")


def copy(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name == "install":
        modes = [b for a, b in itertools.pairwise(values) if a in ("-m", "--mode")]
        # `--mode=4755`, or any prefix of it bash's getopt takes (`--mo=4755`)
        modes += [v.split("=", 1)[1] for v in values if v.startswith("--mo") and "=" in v]
        modes += [b for a, b in itertools.pairwise(values) if a in ("--mo", "--mod")]
        modes += [m.group(1) for v in values if (m := re.match(r"^-[a-zA-Z]*m(\S+)$", v))]
        if any(_SETID.search(m) for m in modes):
            # privilege: a copy that runs as its owner (root) for whoever starts it
            w.flag("privilege", f"install -m {modes[0]} sets a set-id bit")
    target = next((v.split("=", 1)[1] for v in values if v.startswith("--target-directory=")), None)
    if "-t" in values and values.index("-t") + 1 < len(values):
        target = values[values.index("-t") + 1]
    operands = operands_of(values, frozenset({"-t", "-S", "--suffix", "-m", "-o", "-g"}))
    if target is None and len(operands) >= 2:
        target = operands[-1]
    if target is not None and user_bin(w.place(target), w.ctx) and operands[:-1]:
        # `cp tool ~/.local/bin/`: each source lands there under its own name
        sources = operands if "-t" in values else operands[:-1]
        for source in sources:
            write_target(
                w.place(target.rstrip("/") + "/" + posixpath.basename(source)), w, cmd.name
            )
    elif target is not None and not _own_hook(cmd, values, operands, target, w):
        write_target(w.place(target), w, cmd.name)
    if target is not None and len(operands) == 2 and "-t" not in values:
        _same_program(operands[0], target, w)
        stdin_copy(cmd, w, operands[0], target)  # `cp /dev/stdin f <<< TEXT`
    if cmd.name == "ln":
        links(cmd, w)
        for source in operands[:-1] if target is not None else []:
            why = persistence(w.place(source), w.ctx)
            if why is not None:
                # persistence: a write to the link later lands in the file it points at
                w.flag("persistence", f"ln links to {source}: {why}")
    if cmd.name == "mv":
        for source in operands[:-1]:
            found = w.place(source)
            whole_workspace = found.kind == "workspace_root" and not found.contents
            if found.kind in DELETE_BLOCKED or whole_workspace:  # `mv *.log logs/` moves entries
                w.flag("destructive_delete", f"mv moves {found.path} away")


def _own_hook(cmd: Cmd, values: list[str], operands: list[str], target: str, w: Walker) -> bool:
    """``cp scripts/pre-commit .git/hooks/``: the workspace repository's own hook (_fx_hooks)."""
    from clawkeep.guards.command_guard._fx_hooks import own_hook

    sources = operands if "-t" in values else operands[:-1]
    flags = [v for v in values if v.startswith("-") and not v.startswith("--")]
    link = cmd.name == "ln" and ("--symbolic" in values or any("s" in f for f in flags))
    return bool(sources) and own_hook(sources, w.place(target), w, link=link)


def mkdir(cmd: Cmd, w: Walker) -> None:
    """A folder named as a command option is planted for a later glob, as a file is."""
    for target in operands_of(cmd.values(), frozenset({"-m", "--mode", "-Z", "--context"})):
        planted_option(w.place(target), w, cmd.name)


def _same_program(source: str, target: str, w: Walker) -> None:
    """`cp /bin/sh /tmp/sshd`, `ln -s`, `mv`, `install`: running the target later runs the
    source, so it is judged under the source's name (and a script's known text goes along)."""
    src, dst = w.place(source), w.place(target)
    known = w.aliases.get(src.path) or command_name(source)
    w.aliases[dst.path] = UNKNOWN if UNKNOWN in source else known
    if src.path in w.written:
        w.written[dst.path] = w.written[src.path]
        pool_config(w.written[dst.path], dst.path, w)  # a settings file copied into place


def tee(cmd: Cmd, w: Walker) -> None:
    append = any(v in ("-a", "--append") for v in cmd.values())
    for target in operands_of(cmd.values()):
        found = w.place(target)
        write_target(found, w, cmd.name)
        if cmd.name != "tee":
            w.written.pop(found.path, None)  # truncate/touch: no longer the text written
        elif not (fed := cmd.fed_texts()):
            w.written.pop(found.path, None)
        else:  # echo … | tee f, tee f <<< TEXT: the file holds what came in
            before = w.written.get(found.path, "") + "\n" if append else ""
            w.written[found.path] = before + fed[-1]
            pool_config(fed[-1], found.path, w)
