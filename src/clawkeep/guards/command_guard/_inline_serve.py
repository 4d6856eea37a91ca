"""Inline code that serves files: a library's static-file server (Python's http.server,
express.static, WEBrick, Go's http.FileServer …) pointed at a folder beyond the workspace,
or bound to every network interface; and mode, owner and copy calls (``os.chmod``,
``fs.chownSync``, ``shutil.move``) aimed beyond the workspace.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._langs import QUOTED, Gated
from clawkeep.guards.command_guard._walk import Walker

__all__ = ["kernel_calls", "modes_and_copies", "serves_files"]

# mode/owner changes and copies spelled as library calls: os.chmod, fs.chownSync, shutil.move
_PERMS = re.compile(r"\b(?:[lf]?ch(?:mod|own|grp)(?:Sync)?|set_permissions)\s*\(([^)]*)\)")
_COPY = re.compile(
    r"\b(?:shutil\.(?:copy\w*|move)|os\.(?:rename|replace|symlink|link))\s*\(([^)]*)\)"
)
_STRING = re.compile(QUOTED)
# Calls that create a file under a name the code gives.
_CREATES = re.compile(
    r"\b(?:open|touch|write_text|write_bytes|writeFileSync|writeFile|openSync|mknod|fopen"
    r"|file_put_contents|File\.(?:new|write|open)|io\.open|FileWriter|createWriteStream)\s*\("
)


def modes_and_copies(lang: str, code: str, w: Walker) -> None:
    """chmod/chown of a path beyond the workspace and temp; a copy's destination as a write."""
    from clawkeep.guards.command_guard._io_write import write_target

    for match in _PERMS.finditer(code):
        if _SETID_MODE.search(match.group(1)) or (
            "mod" in match.group(0)[:12] and _setid_number(match.group(1))
        ):
            # privilege: a set-user-ID or set-group-ID mode, as `chmod 4755 f` from the shell
            w.flag("privilege", f"{lang} code sets a set-user-ID or set-group-ID mode")
        named = _FIRST_NAME.match(match.group(1))
        assigned = _assigned(code, named.group(1)) if named else []
        strings = [_unescape(m.group("s")) for m in _STRING.finditer(match.group(1))]
        for text in strings + assigned:
            found = w.place(text)
            if text.startswith(("/", "~")) and found.kind not in ("workspace", "temp"):
                # system_perms: as `chmod 666 /etc/passwd` from the shell
                w.flag("system_perms", f"{lang} code changes {found.path} ({found.kind})")
    if _CREATES.search(code):
        from clawkeep.guards.command_guard._io_write import planted_option

        for text in (_unescape(m.group("s")) for m in _STRING.finditer(code)):
            if text.startswith("-"):  # Path("--checkpoint-action=exec=sh x").touch()
                planted_option(w.place(text), w, f"{lang} code")
    for match in _COPY.finditer(code):
        for text in [_unescape(m.group("s")) for m in _STRING.finditer(match.group(1))][1:2]:
            if text.startswith(("/", "~")):
                write_target(w.place(text), w, f"{lang} code")


# 0o4755, 04755, 0o2775, 0o6755, stat.S_ISUID / S_ISGID: the set-ID bits of a mode.
_SETID_MODE = re.compile(r"(?<![\w.])0[oO]?[2-7][0-7]{3}\b|\bS_IS[UG]ID\b")
# A mode as a number in any base: 2541 and 0x9ed are 0o4755 too; "4755" is octal text.
_NUMBER = re.compile(r"(?<![\w.])(0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]+|[1-9]\d*)\b")
_OCTAL_TEXT = re.compile(r"[\"']([0-7]{4})[\"']")


def _setid_number(args: str) -> bool:
    values = [int(m.group(1), 8) for m in _OCTAL_TEXT.finditer(args)]
    for match in _NUMBER.finditer(args):
        text = match.group(1).lower()
        base = 16 if text.startswith("0x") else 8 if text.startswith("0") and len(text) > 1 else 10
        values.append(int(text.replace("0o", "").replace("0x", ""), base))
    return any(0 < v <= 0o7777 and v & 0o6000 for v in values)


# The path given as a name (``os.chmod(p, …)``), and what the code assigns that name.
_FIRST_NAME = re.compile(r"^\s*([A-Za-z_$][\w$]*)\s*,")


def _assigned(code: str, name: str) -> list[str]:
    pattern = r"(?:^|[;\s(,])" + re.escape(name) + r"\s*=\s*" + QUOTED
    return [_unescape(m.group("s")) for m in re.finditer(pattern, code)]


# The kernel's own calls reached past every tool: a module loaded or a kernel swapped in by
# name (libc's init_module, finit_module, kexec_load), or any system call by its number
# (perl's syscall(), or libc's through ctypes, ffi or fiddle).
_KERNEL_CALLS = Gated(
    "init_module delete_module kexec_ syscall",
    r"(?<![A-Za-z])(?:f?init_module|delete_module|kexec_(?:file_)?load)\b"
    r"|\bsyscall\s*\(\s*(?:&?SYS_\w+|(?:0x)?\d)|[\"']syscall[\"']",
)


def kernel_calls(lang: str, code: str, w: Walker) -> None:
    """``ctypes.CDLL(None).syscall(313, fd, b"", 0)``: a kernel module loaded from code."""
    if _KERNEL_CALLS.search(code):
        # privilege: code run in the kernel (or a raw system call) is past every rule here
        w.flag("privilege", f"{lang} code makes a raw system call or loads a kernel module")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


_FILE_SERVER_CODE = Gated(
    "simplehttp http.server static webrick fileserver documentroot http.dir",
    r"SimpleHTTPRequestHandler|http\.server|\.static\s*\(|serve-static|serveStatic|WEBrick"
    r"|HTTPFileServer|DocumentRoot|FileServer\s*\(|StaticFiles|http\.Dir\s*\(",
)
# Bound to every interface: ('', 8000), "0.0.0.0", "::"
_ANY_ADDRESS = re.compile(r"\(\s*\(\s*([\"'])\1\s*,|([\"'])(?:0\.0\.0\.0|::)\2")
_STRING = re.compile(QUOTED)
_BEYOND = ("root", "outside", "home", "home_root", "state", "device", "kernel")


def serves_files(lang: str, code: str, w: Walker) -> None:
    """Refuse a static-file server over a folder beyond the workspace, or on every interface."""
    if not _FILE_SERVER_CODE.search(code):
        return
    for match in _STRING.finditer(code):
        text = re.sub(r"\\(.)", r"\1", match.group("s"))
        if text.startswith(("/", "~")) and w.place(text).kind in _BEYOND:
            # file_server: the folder served lies beyond the workspace
            w.flag("file_server", f"{lang} code serves files from {text}")
            return
    if _ANY_ADDRESS.search(code):
        # file_server: the workspace served on every interface reaches the network
        w.flag("file_server", f"{lang} code serves files on every network interface")
