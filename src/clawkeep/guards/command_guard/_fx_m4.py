"""What m4 runs, reads and writes: ``syscmd(…)`` and ``esyscmd(…)`` hand their argument
to ``/bin/sh -c``, ``include``/``sinclude``/``undivert`` copy a file into the output and
``debugfile`` (or ``-o``, ``--debugfile=``, ``-F``) writes one.

The m4 text is judged where the line shows it: an argument of ``-D``, a here-string or
here-document, what a pipe feeds m4, and a file the line wrote (``w.written``). A file
the line did not write is the project's own and is not read here, as ``sh build.sh`` is
not. In text that is shown, a call whose name is built from pieces (``define(x, `sys'`cmd')``,
``format(…)``, ``translit(…)``, ``indir``) could call syscmd with text not seen here: refused.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["M4_RULES", "m4_text"]

# m4's options whose value is the next word (or joined to a short one)
_WITH_VALUE = frozenset({"-D", "-U", "-I", "-o", "-F", "-R", "-l", "-L", "-t", "-B", "-H"})
_WITH_VALUE |= frozenset({"-S", "-T", "--define", "--undefine", "--include", "--error-output"})
_WITH_VALUE |= frozenset({"--freeze-state", "--reload-state", "--arglength", "--trace"})
_WITH_VALUE |= frozenset({"--nesting-limit", "--word-regexp", "-W"})
# options naming a file m4 writes: its diagnostics and trace, or its frozen state
_WRITES = ("-o", "--error-output", "--debugfile", "-F", "--freeze-state")
_CALL = re.compile(r"\b(?:m4_)?(e?syscmd)\s*\(")
_FILE_CALL = re.compile(r"\b(?:m4_)?(include|sinclude|undivert|debugfile)\s*\(")
# builtins that make text m4 scans again as macro names: a call whose name is not in the text
_BUILDS = re.compile(
    r"\b(?:m4_)?(?:format|translit|patsubst|regexp|substr|indir|builtin|changeword|defn)\s*\("
)
_QUOTES = re.compile(r"[`'\[\]\"]")
_CHANGEQUOTE = re.compile(r"\bchangequote\s*\(\s*([^,()]*)(?:,\s*([^,()]*))?\)")


def _argument(text: str, start: int) -> str | None:
    """The first argument of the call whose ``(`` is at ``start - 1``, its quotes removed;
    None when the parentheses do not close."""
    depth, index = 1, start
    while index < len(text):
        char = text[index]
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            break
        index += 1
    else:
        return None
    body = text[start:index]
    body = body.split(",", 1)[0] if body.count(",") and not _QUOTES.search(body) else body
    return _unquote(body).strip()


def _unquote(body: str) -> str:
    """m4's own quotes around the argument (`…' by default, [ … ] after changequote)."""
    body = body.strip()
    while len(body) >= 2 and (body[0], body[-1]) in (("`", "'"), ("[", "]")):
        body = body[1:-1].strip()
    return body


def m4_text(text: str, what: str, w: Walker, depth: int = 0) -> None:
    """Judge m4 input text: the commands its syscmd/esyscmd calls run, the files it names."""
    if UNKNOWN in text:
        if "syscmd" in _unquoted(text) or _BUILDS.search(text):
            # dynamic_command: a syscmd whose command is completed at run time
            w.flag("dynamic_command", f"m4 {what} runs a command known only at run time")
        return
    calls = 0
    for match in _CALL.finditer(text):
        calls += 1
        command = _argument(text, match.end())
        if command is None or re.search(r"\$[\d#*@]", command):
            # dynamic_command: a macro's argument ($1) or an unclosed call: text not seen here
            w.flag("dynamic_command", f"m4 {match.group(1)} in {what} runs a macro's argument")
        elif command:
            w.script(command, f"the m4 {match.group(1)} in {what}")
    joined = _unquoted(text)
    if joined.count("syscmd") > calls or _BUILDS.search(text):
        # dynamic_command: the name syscmd put together from pieces (a definition, format,
        # translit, indir …) and called: the command it runs is not spelled here
        w.flag("dynamic_command", f"m4 {what} builds a macro name at run time")
    for match in _FILE_CALL.finditer(text):
        name = _argument(text, match.end())
        if not name or UNKNOWN in name:
            continue
        found = w.place(name)
        if match.group(1) == "debugfile":
            write_target(found, w, "m4 debugfile")
        elif (why := credential(found, w.ctx)) is not None:
            # credential_read: m4 copies the named file into its output
            w.flag("credential_read", f"m4 {match.group(1)} reads {found.path}: {why}")
        elif (written := w.written.get(found.path)) is not None and depth < 4:
            m4_text(written, found.path, w, depth + 1)


def _unquoted(text: str) -> str:
    """The text without m4's quotes (the default ones, brackets, and any changequote sets):
    `sys'`cmd' in a definition is the name syscmd when the definition is expanded."""
    for match in _CHANGEQUOTE.finditer(text):
        for mark in match.groups():
            if mark and mark.strip():
                text = text.replace(mark.strip(), "")
    return _QUOTES.sub("", text)


def _options(cmd: Cmd) -> tuple[list[str], list[str], list[str]]:
    """(-D values, written files, operands) of an m4 command line."""
    defines: list[str] = []
    writes: list[str] = []
    operands: list[str] = []
    values = cmd.values()
    index = 0
    while index < len(values):
        text = values[index]
        following = values[index + 1] if index + 1 < len(values) else None
        flag, joined = text, None
        if text.startswith("--") and "=" in text:
            flag, joined = text.split("=", 1)
        elif text[:1] == "-" and not text.startswith("--") and len(text) > 2:
            flag, joined = text[:2], text[2:]
        takes = flag in _WITH_VALUE
        value = joined if joined is not None else following if takes else None
        if flag in ("-D", "--define") and value is not None:
            defines.append(value)
        if flag in _WRITES and value:
            writes.append(value)
        if not text.startswith("-") or text == "-":
            operands.append(text)
        index += 2 if takes and joined is None else 1
    return defines, writes, operands


def m4(cmd: Cmd, w: Walker) -> None:
    defines, writes, operands = _options(cmd)
    for value in defines:
        # a -D definition holding syscmd runs its command wherever the input names it
        m4_text(value.split("=", 1)[1] if "=" in value else value, "-D definition", w)
    for path in writes:
        write_target(w.place(path), w, "m4")
    fed = cmd.stdin is not None and (not operands or "-" in operands)
    if fed and cmd.stdin is not None and cmd.stdin.kinds & {"download", "decode", "cipher"}:
        # download_exec: downloaded (or decoded) m4 text may call syscmd with any command
        w.flag("download_exec", "m4 reads downloaded or decoded text, which may run commands")
    if any(r.kinds & {"download", "decode", "cipher"} for r in cmd.redirects):
        w.flag("download_exec", "m4 reads downloaded or decoded text, which may run commands")
    for text in cmd.fed_texts():
        m4_text(text, "input", w)
    for name in operands:
        if name == "-" or UNKNOWN in name:
            continue
        if w.fetched(name):
            # download_exec: a downloaded m4 file may call syscmd with any command
            w.flag("download_exec", f"m4 reads {name}, downloaded by this line")
        found = w.place(name)
        if (why := credential(found, w.ctx)) is not None:
            w.flag("credential_read", f"m4 reads {found.path}: {why}")
        elif (written := w.written.get(found.path)) is not None:
            m4_text(written, found.path, w)


M4_RULES: dict[str, Rule] = {"m4": m4, "gm4": m4}
