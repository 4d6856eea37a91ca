"""Rules about files: deletes of roots, writes outside the workspace, disks, permissions,
credential reads, and where redirects point.

A path rule judges the place a path resolves to (see ``_paths``), never its spelling, so
``/bin/rm -rf "/home/user"``, ``rm -rf ~`` and ``rm -rf $TMPDIR/../x`` meet the same check.
"""

from __future__ import annotations

import os
import posixpath
import re

from clawkeep.guards.command_guard._cmd import OUT_OPS, Cmd
from clawkeep.guards.command_guard._paths import (
    LISTS,
    SHADOWED,
    Place,
    credential,
    glob_credential,
    holds_credentials,
    persistence,
    user_bin,
    user_bin_entry,
)
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._words import UNKNOWN, Arg

__all__ = ["FS_RULES", "judge_args", "judge_redirects", "write_target"]

_SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "tcsh", "csh", "exec"}
_INTERPRETERS = {"python", "perl", "ruby", "php", "node", "lua", "julia"}
# Commands that never open their arguments as files (their words are data).
_NO_READ = {"test", "[", "[[", "which", "type", "whereis", "basename"}
_NO_READ |= {"dirname", "true", "false", ":", "hash", "alias", "command", "mkdir", "git"}
_CACHE = re.compile(r"/\.cache/.|/\.npm/_cacache(/|$)|/\.cargo/registry/cache(/|$)")
_SEARCHERS = {"grep", "egrep", "fgrep", "rg", "ag", "ack", "zgrep"}
_SECRET_TREES = {"/", "/etc", "/home", "/root", "/var", "/opt", "/Users", "/proc"}
_RAW_READERS = {"dd", "cat", "strings", "xxd", "hexdump", "od", "head", "tail", "cp", "gzip"}
_RAW_READERS |= {"base64", "less", "more", "tar", "debugfs", "pv"}
_BULK_READERS = {"cp", "tar", "zip", "rsync", "scp", "7z", "rclone", "cpio", "bsdtar"}
_DELETE_BLOCKED = {"root", "outside", "home", "home_root", "state", "device", "kernel"}
_TEMP_ROOTS = frozenset({"/tmp", "/var/tmp", "/dev/shm"})  # noqa: S108 - classifying paths
_DISK = re.compile(r"^/dev/(sd|hd|vd|xvd|nvme|mmcblk|loop|dm-|md|mapper/|disk|mem$|kmem$|port$)")


def _operands(args: list[str], with_value: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    skip = False
    dashdash = False
    for arg in args:
        if skip:
            skip = False
        elif dashdash or not arg.startswith("-") or arg == "-":
            out.append(arg)
        elif arg == "--":
            dashdash = True
        elif arg in with_value:
            skip = True
    return out


def _flags(args: list[str]) -> str:
    letters = ""
    for arg in args:
        if arg == "--":
            break
        if arg.startswith("-") and not arg.startswith("--"):
            letters += arg[1:]
    return letters


def write_target(found: Place, w: Walker, what: str) -> None:
    """Judge one place a command writes to (a temp dir itself: files land inside it)."""
    if found.path in _TEMP_ROOTS:
        return
    tool = user_bin_entry(found, w.ctx)
    if tool is not None:
        if _new_tool(tool):
            return  # a program of the agent's own in ~/.local/bin: it runs only when asked
        # persistence: a file there named like a command the owner runs stands in for it
        w.flag("persistence", f"{what} writes {found.path}, standing in for {tool}")
        return
    why = persistence(found, w.ctx)
    if why is not None:
        w.flag("persistence", f"{what} writes {found.path}: {why}")
    elif found.kind == "device":
        code = "disk_write" if _DISK.match(found.path) else "system_write"
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


def _new_tool(name: str) -> bool:
    """A plain file name that no command the owner runs has (python3.12 stands for python)."""
    if not re.fullmatch(r"[\w][\w.+-]*", name):
        return False
    if name in SHADOWED or re.sub(r"[\d.]+$", "", name) in SHADOWED:
        return False
    return not any(os.path.lexists(os.path.join(d, name)) for d in _SYSTEM_BINS)


def _remember_written(cmd: Cmd, op: str, path: str, w: Walker) -> None:
    """Keep the text a redirect writes when it is known here, for a later run of the file."""
    from clawkeep.guards.command_guard._walk import echo_text

    text = echo_text(cmd.name, cmd.args)
    if text is None and cmd.name in ("cat", "tee", ""):
        bodies = [r.body for r in cmd.redirects if r.body is not None]
        text = bodies[0] if bodies else None
    if text is None:
        w.written.pop(path, None)  # rewritten with text known only at run time
    elif op in (">>", "&>>"):
        w.written[path] = w.written.get(path, "") + "\n" + text
    else:
        w.written[path] = text


def judge_redirects(cmd: Cmd, w: Walker) -> None:
    """Redirect targets: writes, secret reads, and bash's /dev/tcp sockets."""
    for red in cmd.redirects:
        if red.target is not None and red.target.substs and red.op in ("<", "<>"):
            # `bash < <(curl …)`: the shell reads a download (or decoded text) as its script
            kinds = w.subst_kinds(red.target) & {"download", "decode", "cipher"}
            if kinds and (cmd.name in _SHELLS or cmd.name in _INTERPRETERS or cmd.name == "."):
                effect = "download_exec" if "download" in kinds else "obfuscation"
                what = "a download" if "download" in kinds else "decoded text"
                w.flag(effect, f"{cmd.name} reads its script from {what}")
        if red.target is None or not red.target.static:
            continue
        found = w.place(red.target.text)
        if found.kind == "netdev":
            if cmd.name in _SHELLS or cmd.name in _INTERPRETERS:
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


def _candidates(text: str) -> list[str]:
    out = [text]
    if "=" in text:
        out.append(text.split("=", 1)[1])
    if text.startswith("@"):
        out.append(text[1:])
    match = re.match(r"^[A-Za-z-]+:(/.*|~.*)$", text)
    if match:
        out.append(match.group(1).split(",")[0])
    return out


# Searchers' options that take a value, as letters (`-e PAT`, `-ie PAT`, `-ePAT`) and words.
_SEARCH_VALUE_LETTERS = frozenset("efmABCgtTMjdD")
_SEARCH_VALUE_WORDS = frozenset(
    {"--regexp", "--file", "--max-count", "--context", "--after-context", "--before-context"}
    | {"--glob", "--iglob", "--type", "--type-not", "--include", "--exclude", "--exclude-dir"}
    | {"--max-depth", "--threads", "--label", "--devices", "--directories", "--binary-files"}
)


def _search_operands(values: list[str]) -> tuple[bool, list[str]]:
    """A searcher's operands, and whether the pattern came from an option (then every
    operand is a path): ``grep -rnw / -ie PASSWORD`` searches ``/`` for ``PASSWORD``."""
    explicit = False
    out: list[str] = []
    index = 0
    while index < len(values):
        text = values[index]
        index += 1
        if text == "--":
            out += values[index:]
            break
        if text.startswith("--"):
            word = text.split("=", 1)[0]
            explicit |= word in ("--regexp", "--file")
            if word in _SEARCH_VALUE_WORDS and "=" not in text:
                index += 1
        elif text.startswith("-") and text != "-":
            for position, letter in enumerate(text[1:], start=1):
                if letter in _SEARCH_VALUE_LETTERS:
                    explicit |= letter in "ef"
                    if position == len(text) - 1:
                        index += 1  # -ie PATTERN: the next word is the value
                    break  # -ePATTERN: the rest of this word is the value
        else:
            out.append(text)
    return explicit, out


def _hunts(cmd: Cmd, w: Walker) -> None:
    """Whole-tree searches of home or system roots, and raw reads of disks and memory."""
    values = cmd.values()
    if cmd.name in _SEARCHERS:
        recursive = cmd.name in ("rg", "ag", "ack") or "r" in _flags(values).lower()
        explicit, operands = _search_operands(values)
        for text in operands if explicit else operands[1:]:
            found = w.place(text)
            if recursive and (
                found.kind == "home_root"
                or found.path in _SECRET_TREES
                or holds_credentials(found, w.ctx)  # ~/.config holds gcloud's and gh's tokens
            ):
                w.flag("credential_read", f"{cmd.name} searches all of {found.path} for secrets")
                return
    if cmd.name in _RAW_READERS:
        for value in values:
            path = value[3:] if value.startswith("if=") else value
            if _DISK.match(w.place(path).path) and not value.startswith("of="):
                w.flag("credential_read", f"{cmd.name} reads the raw device {path}")
                return


def judge_args(cmd: Cmd, w: Walker) -> None:
    """Arguments naming credential files, and obfuscated words anywhere."""
    for arg in cmd.args:
        if cmd.name in _PRINTERS:
            # printed text is judged where it is run (| sh, $(…), > file; sh file), not here
            arg = Arg(
                arg.text,
                tuple(t for t in arg.tricks if not t.startswith("\\x")),
                arg.glob,
                arg.substs,
            )
        w._tricks(arg, "argument")
    from clawkeep.guards.command_guard._inline import SHELL_CODE, SOCKET_CODE

    for arg in cmd.args:
        if len(arg.text) > 12 and SOCKET_CODE.search(arg.text) and SHELL_CODE.search(arg.text):
            w.flag("reverse_shell", f"an argument of {cmd.name} holds reverse-shell code")
            break
    if cmd.name in _NO_READ or cmd.name in LISTS:
        return
    _hunts(cmd, w)
    if cmd.name in _BULK_READERS:
        for text in _operands(cmd.values()):
            found = w.place(text)
            if (
                found.kind == "home_root"
                or found.path in ("/", "/home", "/root", "/Users")
                or holds_credentials(found, w.ctx)
            ):
                w.flag("credential_read", f"{cmd.name} copies all of {found.path}, keys included")
                return
    key_use = _key_operands(cmd, w)
    for position, arg in enumerate(cmd.args):
        if position in key_use:
            continue  # ssh -i ~/.ssh/key: ssh signs with the key; its bytes go nowhere
        if arg.glob and arg.static and (why := glob_credential(arg.text, w.ctx)) is not None:
            w.flag("credential_read", f"{cmd.name} {arg.text}: {why}")
            return
        if not arg.static and not arg.text.startswith("-"):
            why = _runtime_credential(arg.text, w)
            if why is not None:
                # credential_read: the part known only at run time picks a file in there
                w.flag("credential_read", f"{cmd.name} {why}")
                return
            continue
        if not arg.static or (arg.text.startswith("-") and "=" not in arg.text):
            continue
        for text in _candidates(arg.text):
            # a bare name is a path only after a cd: `cd ~/.aws && cat credentials`
            if not (text.startswith(("/", "~", ".")) or "/" in text or w.cwd is not None):
                continue
            found = w.place(text)
            why = credential(found, w.ctx)
            if why is not None:
                w.flag("credential_read", f"{cmd.name} touches {found.path}: {why}")
                return


def _runtime_credential(text: str, w: Walker) -> str | None:
    """A path with a part known only at run time, in a credential location:
    ``~/.ssh/$K``, ``$HOME/.aws/$(ls ~/.aws)``, ``/proc/$(pgrep node)/environ``."""
    pattern = text.replace(UNKNOWN, "*")
    if pattern.startswith(("/", "~/")) and (why := glob_credential(pattern, w.ctx)) is not None:
        return f"reads {pattern}: {why}"
    prefix = text.split(UNKNOWN, 1)[0]
    if "/" not in prefix or text.endswith(".pub"):
        return None
    folder = w.place(prefix.rsplit("/", 1)[0] or "/")
    if folder.kind != "unknown" and (why := credential(folder, w.ctx)) is not None:
        return f"reads a file of {folder.path} named at run time: {why}"
    return None


_SSH_CLIENTS = frozenset({"ssh", "scp", "sftp", "ssh-add", "ssh-copy-id"})


def _key_operands(cmd: Cmd, w: Walker) -> set[int]:
    """Positions of the arguments naming an SSH key the client only signs with.

    ``ssh/scp/sftp -i KEY`` (``-iKEY``, ``-o IdentityFile=KEY``) and ``ssh-add KEY``: the
    key file must lie in ~/.ssh; any other path is judged as a read.
    """
    if cmd.name not in _SSH_CLIENTS:
        return set()
    home = str(w.ctx.home).rstrip("/") + "/.ssh/" if w.ctx.home else None
    found: set[int] = set()
    args = cmd.args
    for index, arg in enumerate(args):
        text = arg.text
        if cmd.name == "ssh-add":
            path = text if not text.startswith("-") else None
            spot = index
        elif text in ("-i", "-o") and index + 1 < len(args):
            path, spot = args[index + 1].text, index + 1
            if text == "-o":
                match = re.match(r"(?i)^IdentityFile[= ]\s*(.+)$", path)
                path = match.group(1) if match else None
        elif text.startswith("-i") and len(text) > 2:
            path, spot = text[2:], index
        else:
            continue
        if path is None or home is None:
            continue
        # ssh -i ~/.ssh/$KEY: a key of ~/.ssh chosen at run time is still only signed with
        key = w.place(path.replace(UNKNOWN, "k")).path
        if key.startswith(home) and "/" not in key[len(home) :]:
            found.add(spot)
    return found


def _rm(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    flags = _flags(values)
    recursive = "r" in flags.lower() or "--recursive" in values or cmd.name == "shred"
    for target in _operands(values):
        found = w.place(target)
        if found.kind == "unknown":
            if recursive:
                w.flag(
                    "destructive_delete", f"{cmd.name} -r of {found.path}, known only at run time"
                )
        elif found.kind == "workspace_root" and not found.contents:
            w.flag("destructive_delete", f"{cmd.name} deletes the whole workspace")
        elif found.kind == "home" and _CACHE.search(found.path):
            continue  # ~/.cache and package caches are disposable by definition
        elif found.kind in _DELETE_BLOCKED:
            w.flag("destructive_delete", f"{cmd.name} deletes {found.path} ({found.kind})")


def _dd(cmd: Cmd, w: Walker) -> None:
    for arg in cmd.values():
        if arg.startswith("of="):
            write_target(w.place(arg[3:]), w, "dd")


_PRINTERS = frozenset({"echo", "printf"})
_SGDISK_READS = frozenset({"-p", "--print", "-v", "--verify", "-i", "--info", "-P", "--pretend"})
_SGDISK_READS |= frozenset({"-L", "--list-types", "-O", "--print-mbr", "-V", "--version"})


def _disk(cmd: Cmd, w: Walker) -> None:
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
    targets = [w.place(v) for v in _operands(values, frozenset({"-t", "-L", "-b", "-O", "-o"}))]
    if cmd.name in ("mkfs", "wipefs", "sgdisk") and targets and all(t.inside for t in targets):
        return  # an image file in the workspace is not a disk
    w.flag("disk_write", f"{cmd.name} formats or rewrites a disk")


def _perms(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    operands = _operands(values, frozenset({"--reference"}))
    if cmd.name == "chattr":
        operands = [v for v in values if not v.startswith(("-", "+", "="))]
    elif cmd.name == "setfacl":
        operands = _operands(values, frozenset({"-m", "-x", "-M", "-X"}))
    elif operands:
        mode, operands = operands[0], operands[1:]
        if cmd.name == "chmod" and re.search(r"[ugoa]*\+[rwxXt]*s|^[2467][0-7]{3}$", mode):
            w.flag("privilege", f"chmod {mode} sets a set-id bit")
        recursive = "R" in _flags(values) or "--recursive" in values
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
        if tool is not None and cmd.name == "chmod" and _new_tool(tool):
            continue  # `chmod +x ~/.local/bin/tool` (set-id bits were judged above)
        if found.kind not in ("workspace", "temp", "stream", "unknown", "workspace_root"):
            w.flag("system_perms", f"{cmd.name} changes {found.path} ({found.kind})")


def _copy(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    target = next((v.split("=", 1)[1] for v in values if v.startswith("--target-directory=")), None)
    if "-t" in values and values.index("-t") + 1 < len(values):
        target = values[values.index("-t") + 1]
    operands = _operands(values, frozenset({"-t", "-S", "--suffix", "-m", "-o", "-g"}))
    if target is None and len(operands) >= 2:
        target = operands[-1]
    if target is not None and user_bin(w.place(target), w.ctx) and operands[:-1]:
        # `cp tool ~/.local/bin/`: each source lands there under its own name
        sources = operands if "-t" in values else operands[:-1]
        for source in sources:
            write_target(
                w.place(target.rstrip("/") + "/" + posixpath.basename(source)), w, cmd.name
            )
    elif target is not None:
        write_target(w.place(target), w, cmd.name)
    if cmd.name == "ln":
        for source in operands[:-1] if target is not None else []:
            why = persistence(w.place(source), w.ctx)
            if why is not None:
                # persistence: a write to the link later lands in the file it points at
                w.flag("persistence", f"ln links to {source}: {why}")
    if cmd.name == "mv":
        for source in operands[:-1]:
            found = w.place(source)
            whole_workspace = found.kind == "workspace_root" and not found.contents
            if found.kind in _DELETE_BLOCKED or whole_workspace:  # `mv *.log logs/` moves entries
                w.flag("destructive_delete", f"mv moves {found.path} away")


def _tee(cmd: Cmd, w: Walker) -> None:
    append = any(v in ("-a", "--append") for v in cmd.values())
    for target in _operands(cmd.values()):
        found = w.place(target)
        write_target(found, w, cmd.name)
        if cmd.name != "tee":
            w.written.pop(found.path, None)  # truncate/touch: no longer the text written
        elif cmd.stdin is None or cmd.stdin.text is None:
            w.written.pop(found.path, None)
        else:  # echo … | tee f: the file holds what came in
            before = w.written.get(found.path, "") + "\n" if append else ""
            w.written[found.path] = before + cmd.stdin.text


_SED_ADDR = r"(?:\d+|\$|/(?:[^/\\]|\\.)*/)(?:\s*[,~]\s*(?:\d+|\$|/(?:[^/\\]|\\.)*/))?"
# GNU sed commands that reach past the text: `e CMD` runs a command, `w`/`W FILE` write a
# file, `r`/`R FILE` read one; the s command's `e` flag runs the pattern space, `w` writes.
_SED_COMMAND = re.compile(r"^\s*(?:" + _SED_ADDR + r")?\s*!?\s*([ewWrR])(?:\s+(.*))?$")
_SED_SUBST = re.compile(
    r"^\s*(?:" + _SED_ADDR + r")?\s*s(.)(?:\\.|(?!\1).)*\1(?:\\.|(?!\1).)*\1(\w*)(?:\s+(.*))?$"
)


def _sed_scripts(values: list[str]) -> list[str]:
    scripts = [values[i + 1] for i, v in enumerate(values[:-1]) if v in ("-e", "--expression")]
    scripts += [v.split("=", 1)[1] for v in values if v.startswith("--expression=")]
    if not scripts and not any(v in ("-f", "--file") or v.startswith("--file=") for v in values):
        operands = _operands(values, frozenset({"-l", "-s"}))
        scripts = operands[:1]
    return scripts


def _sed_commands(cmd: Cmd, w: Walker) -> None:
    """The commands of a sed script that run, write or read beyond the text."""
    for script in _sed_scripts(cmd.values()):
        for line in re.split(r"[;\n]", script):
            command = _SED_COMMAND.match(line)
            subst = _SED_SUBST.match(line) if command is None else None
            if command is not None and command.group(1) == "e":
                if command.group(2):
                    w.script(command.group(2), "sed's e command")
                else:
                    w.flag("dynamic_command", "sed's e runs the text it edits as a command")
            elif command is not None and command.group(2):
                found = w.place(command.group(2).strip())
                if command.group(1) in "wW":
                    write_target(found, w, "sed w")
                elif (why := credential(found, w.ctx)) is not None:
                    w.flag("credential_read", f"sed r reads {found.path}: {why}")
            elif subst is not None and "e" in subst.group(2):
                w.flag("dynamic_command", "sed's s///e runs the replaced text as a command")
            elif subst is not None and "w" in subst.group(2) and subst.group(3):
                write_target(w.place(subst.group(3).strip()), w, "sed s///w")


def _sed(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    _sed_commands(cmd, w)
    if not any(v.startswith("-i") or v.startswith("--in-place") for v in values):
        return  # without -i sed only prints
    scripted = any(v in ("-e", "-f", "--expression", "--file") for v in values)
    operands = _operands(values, frozenset({"-e", "-f", "--expression", "--file", "-l"}))
    for target in operands if scripted else operands[1:]:
        write_target(w.place(target), w, "sed -i")


FS_RULES = {
    "rm": _rm,
    "unlink": _rm,
    "rmdir": _rm,
    "shred": _rm,
    "srm": _rm,
    "wipe": _rm,
    "dd": _dd,
    "mkfs": _disk,
    "wipefs": _disk,
    "blkdiscard": _disk,
    "sfdisk": _disk,
    "sgdisk": _disk,
    "gdisk": _disk,
    "fdisk": _disk,
    "parted": _disk,
    "cryptsetup": _disk,
    "chmod": _perms,
    "chown": _perms,
    "chgrp": _perms,
    "chattr": _perms,
    "setfacl": _perms,
    "cp": _copy,
    "mv": _copy,
    "install": _copy,
    "ln": _copy,
    "tee": _tee,
    "truncate": _tee,
    "touch": _tee,
    "sed": _sed,
}
