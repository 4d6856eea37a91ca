"""Where a write lands and whether it may (a redirect, an output option, a copy's
destination), what a redirect reads or opens, and the text a line writes to a file it
may run later.
"""

from __future__ import annotations

import os
import posixpath
import re

from clawkeep.guards.command_guard._cmd import OUT_OPS, Cmd, command_name
from clawkeep.guards.command_guard._echo import echo_text
from clawkeep.guards.command_guard._fx_hooks import hook_written, line_hook
from clawkeep.guards.command_guard._io_tables import (
    DISK,
    INTERPRETERS,
    SHELLS,
    TEMP_ROOTS,
    names_pool,
)
from clawkeep.guards.command_guard._net_devtcp import loopback_client
from clawkeep.guards.command_guard._net_raw import producer_kinds
from clawkeep.guards.command_guard._path_secrets import credential, persistence, user_bin_entry
from clawkeep.guards.command_guard._path_tables import SHADOWED
from clawkeep.guards.command_guard._paths import Place
from clawkeep.guards.command_guard._secret_dumps import note_dump
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._walk_procin import printed_text, transformed
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

__all__ = ["judge_redirects", "new_tool", "planted_option", "pool_config", "write_target"]

# A file named as an option that runs a command (`--checkpoint-action=exec=sh x`, `-e sh x`,
# `-TT sh`, `--use-compress-program=…`): a later `tar *`, `rsync *` or `zip … *` in that
# folder reads the name as the option and runs the command (wildcard injection).
_PLANTED_OPTION = re.compile(
    r"^-(?:-[\w-]*(?:action|program|command|cmd|exec|rsh|shell)[\w-]*=.|e(?:\s+|=)\S|TT\b)"
)


# A file named as shell code (`x$(echo …|base64 -d|bash)`, `` a`id` ``, `x;curl …|sh`): a
# later script that evaluates the names it lists (eval, sh -c "… $f") runs the code.
_PLANTED_CODE = re.compile(r"\$\(|`[^`]+`|\|\s*(?:ba|da|z|k)?sh\b|;\s*(?:curl|wget|nc)\b")


def planted_option(found: Place, w: Walker, what: str) -> None:
    """A file or folder created under a name that a later glob hands over as an option, or
    a later script evaluates as shell code."""
    name = posixpath.basename(found.path.rstrip("/"))
    if _PLANTED_OPTION.match(name):
        # persistence: the name is a command that runs when a later glob expands to it
        w.flag("persistence", f"{what} creates a file named as a command option: {found.path}")
    elif _PLANTED_CODE.search(found.path):  # `$(…)` may hold a `/`: the whole path
        # persistence: the name is shell code that runs when a later script evaluates it
        w.flag("persistence", f"{what} creates a file named as shell code: {found.path}")


def write_target(found: Place, w: Walker, what: str) -> None:
    """Judge one place a command writes to (a temp dir itself: files land inside it)."""
    w.touched.add(found.path)
    if w.writer is not None and _fed_by_line(w.writer, w):
        w.line_writes.add(found.path)
    planted_option(found, w, what)
    if (why := line_hook(found, w)) is not None:
        w.flag("persistence", f"{what} writes {found.path}: {why}")
    if found.path in TEMP_ROOTS:
        return
    tool = user_bin_entry(found, w.ctx)
    if tool is not None:
        if new_tool(tool):
            return  # a program of the agent's own in ~/.local/bin: it runs only when asked
        # persistence: a file there named like a command the owner runs stands in for it
        w.flag("persistence", f"{what} writes {found.path}, standing in for {tool}")
        return
    why = persistence(found, w.ctx)
    if why is not None:
        w.flag("persistence", f"{what} writes {found.path}: {why}")
    elif found.kind == "device":
        code = "disk_write" if DISK.match(found.path) else "system_write"
        w.flag(code, f"{what} writes the device {found.path}")
    elif found.kind == "kernel":
        w.flag("system_write", f"{what} writes the kernel interface {found.path}")
    elif found.kind == "netdev":
        w.flag("exfiltration", f"{what} sends data to {found.path}")
    elif found.kind == "state":
        w.flag("credential_read", f"{what} writes clawkeep's state directory")
    elif found.kind in ("root", "outside", "home", "home_root"):
        w.flag("outside_write", f"{what} writes {found.path}, outside the workspace")


# Where the system keeps the commands a file in ~/.local/bin would stand in for.
_SYSTEM_BINS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


def new_tool(name: str) -> bool:
    """A plain file name that no command the owner runs has (python3.12 stands for python)."""
    if not re.fullmatch(r"[\w][\w.+-]*", name):
        return False
    if name in SHADOWED or re.sub(r"[\d.]+$", "", name) in SHADOWED:
        return False
    return not any(os.path.lexists(os.path.join(d, name)) for d in _SYSTEM_BINS)


def _program(source: Arg) -> str:
    """The program a copy of ``source`` is (UNKNOWN: one known only at run time)."""
    return command_name(source.text) if source.static else UNKNOWN


def _remember_written(cmd: Cmd, op: str, path: str, w: Walker) -> None:
    """Keep the text a redirect writes when it is known here, for a later run of the file."""
    text = echo_text(cmd.name, cmd.args)
    if text is None and cmd.name in ("cat", "tee", ""):
        bodies = [r.body for r in cmd.redirects if r.body is not None]
        text = bodies[0] if bodies else None
    if text is None:
        text = printed_text(cmd, w)  # `(echo …) > f`, `sed -n p <<< … > f`, `cat a > f`
    files = [a for a in cmd.args if not a.text.startswith("-")]
    if cmd.name == "cat" and len(files) == 1:
        # `cat /bin/sh > x`: x is a copy of that program, run later under its name
        w.aliases[path] = w.aliases.get(w.place(files[0].text).path) or _program(files[0])
    if text is None:
        w.written.pop(path, None)  # rewritten with text known only at run time
        made = producer_kinds(cmd.name, [a.text for a in cmd.args])
        made |= cmd.stdin.kinds if cmd.stdin is not None else set()
        if transformed(cmd, w):
            made.add("decode")  # `sed -n p <<< … > s`: text the line gave, changed unseen
        if made & {"download", "decode", "cipher"}:
            # `base64 -d > s; sh s`: running the file runs the download or the decoded text
            w.downloaded.add(posixpath.basename(path))
        if "environment" in made:  # `env | sort > build/env.txt`: its tokens now in a file
            note_dump(w, path)
    elif op in (">>", "&>>"):
        w.written[path] = w.written.get(path, "") + "\n" + text
    else:
        w.written[path] = text
    if text is not None:
        pool_config(text, path, w)


def pool_config(text: str, path: str, w: Walker) -> None:
    """A file the line writes that names a mining pool is a miner's configuration; one
    that is an editor's or agent's settings starts the commands it names."""
    from clawkeep.guards.command_guard._fx_options import settings_commands
    from clawkeep.guards.command_guard._fx_startup import startup_written

    settings_commands(path, text, w)
    startup_written(path, text, w)  # a .pth's import lines, sitecustomize.py: every Python runs
    hook_written(path, text, w)  # pre-commit's config, a husky hook: the next git commit runs
    if names_pool(text):
        # raw_socket: the miner reading this file speaks stratum to the pool it names
        w.flag("raw_socket", f"{path} is written with a mining pool's address (stratum)")


def judge_redirects(cmd: Cmd, w: Walker) -> None:
    """Redirect targets: writes, secret reads, and bash's /dev/tcp sockets."""
    for red in cmd.redirects:
        if red.target is not None and red.target.substs and red.op in ("<", "<>"):
            # `bash < <(curl …)`: the shell reads a download (or decoded text) as its script
            kinds = w.subst_kinds(red.target) & {"download", "decode", "cipher"}
            if kinds and (cmd.name in SHELLS or cmd.name in INTERPRETERS or cmd.name == "."):
                effect = "download_exec" if "download" in kinds else "obfuscation"
                what = "a download" if "download" in kinds else "decoded text"
                w.flag(effect, f"{cmd.name} reads its script from {what}")
        if red.target is None or not red.target.static:
            continue
        found = w.place(red.target.text)
        if found.kind == "netdev":
            if w.depth == 0 and loopback_client(found.path, w.src):
                # a client of a port on this machine, as `nc 127.0.0.1 8000` is; inside a
                # nested script (`bash -c '…' | sh`) the line around it is not seen: refused
                continue
            if cmd.name in SHELLS or cmd.name in INTERPRETERS:
                w.flag("reverse_shell", f"{cmd.name} wired to the socket {found.path}")
            elif red.op in OUT_OPS:
                w.flag("exfiltration", f"output of {cmd.name or 'a command'} sent to {found.path}")
            else:
                w.flag("reverse_shell", f"input read from the socket {found.path}")
        elif red.op in OUT_OPS:
            write_target(found, w, f"a redirect of {cmd.name or 'a command'}")
            _remember_written(cmd, red.op, found.path, w)
        elif (why := credential(found, w.ctx)) is not None:
            w.flag("credential_read", f"{cmd.name} reads {found.path}: {why}")


def _fed_by_line(cmd: Cmd, w: Walker) -> bool:
    """Whether what ``cmd`` writes may be text the line spells: a printer's words, its
    input (a pipe, a here-string or document), words with blanks in them (`shuf -e`), a
    file the line wrote. A copy of a project file or a program's output is not: running
    that is judged like running the file or piping the program into a shell."""
    if cmd.name in ("echo", "printf") or cmd.stdin is not None:
        return True
    if any(r.body is not None for r in cmd.redirects):
        return True
    for arg in cmd.args:
        if arg.static and re.search(r"\s", arg.text):
            return True
        if arg.static and not arg.text.startswith("-") and w.place(arg.text).path in w.written:
            return True
    return False
