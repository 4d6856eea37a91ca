"""Where more programs write when an operand, not an option, names the output: ``sponge
FILE`` (its input, once read whole), ``uniq IN OUT``, ``xxd [-r] IN OUT``, ``lz4 IN OUT``,
``objcopy IN [OUT]`` (the input itself when no output is named), ``uudecode`` (``-o``, else
the name in the encoded text's ``begin MODE NAME`` header), and an ``ed``/``ex`` script (or
``vim -c``/``vim -es``) whose bare ``w``/``wq``/``x`` writes the file being edited.

Each place is judged like a copy's destination (``write_target``): ``~/.bashrc`` or
``authorized_keys`` is persistence, a path outside the workspace an outside write.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._io_args import operands_of
from clawkeep.guards.command_guard._io_write import pool_config, write_target
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["OUTPUT_RULES"]


def _write(path: str, w: Walker, what: str) -> None:
    if path and path != "-":
        write_target(w.place(path), w, what)


def sponge(cmd: Cmd, w: Walker) -> None:
    """``sponge [-a] FILE``: FILE gets (or, with -a, gains) what came in."""
    values = cmd.values()
    append = any(v.startswith("-") and not v.startswith("--") and "a" in v for v in values)
    fed = cmd.fed_texts()
    for target in operands_of(values):
        found = w.place(target)
        write_target(found, w, "sponge")
        if not fed:
            w.written.pop(found.path, None)  # text known only at run time
            continue
        before = w.written.get(found.path, "") + "\n" if append else ""
        w.written[found.path] = before + fed[-1]  # a later `sh FILE` runs this text
        pool_config(fed[-1], found.path, w)


def uniq(cmd: Cmd, w: Walker) -> None:
    """``uniq [OPTION]… [INPUT [OUTPUT]]``: the second operand is the file it writes."""
    operands = operands_of(cmd.values(), frozenset({"-f", "-s", "-w"}))
    if len(operands) >= 2:
        _write(operands[1], w, "uniq")


_XXD_VALUES = frozenset({"-c", "-cols", "-g", "-groupsize", "-l", "-len", "-n", "-name"})
_XXD_VALUES |= frozenset({"-o", "-offset", "-s", "-seek", "-R"})


def xxd(cmd: Cmd, w: Walker) -> None:
    """``xxd [-r] IN OUT``: the second operand is written (the dump, or with -r the bytes)."""
    operands = operands_of(cmd.values(), _XXD_VALUES)
    if len(operands) >= 2:
        _write(operands[1], w, "xxd")


def lz4(cmd: Cmd, w: Walker) -> None:
    """``lz4 [-d] IN OUT``: the second operand is written (not with -m: inputs only, nor -c)."""
    values = cmd.values()
    flags = "".join(v[1:] for v in values if v.startswith("-") and not v.startswith("--"))
    if "m" in flags or "c" in flags or {"--multiple", "--stdout", "--to-stdout"} & set(values):
        return
    operands = operands_of(values)
    if len(operands) >= 2:
        _write(operands[1], w, "lz4")


# objcopy's options whose value is the next word (a long one may also take it after `=`)
_OBJCOPY_VALUES = frozenset({"-I", "-O", "-B", "-F", "-j", "-R", "-K", "-N", "-G", "-L"})
_OBJCOPY_VALUES |= frozenset({"-W", "-b", "-i", "--input-target", "--output-target"})
_OBJCOPY_VALUES |= frozenset({"--target", "--binary-architecture", "--only-section"})
_OBJCOPY_VALUES |= frozenset({"--remove-section", "--remove-relocations", "--keep-symbol"})
_OBJCOPY_VALUES |= frozenset({"--strip-symbol", "--strip-unneeded-symbol", "--add-section"})
_OBJCOPY_VALUES |= frozenset({"--localize-symbol", "--globalize-symbol", "--weaken-symbol"})
_OBJCOPY_VALUES |= frozenset({"--keep-global-symbol", "--dump-section", "--update-section"})
_OBJCOPY_VALUES |= frozenset({"--rename-section", "--set-section-flags", "--add-symbol"})
_OBJCOPY_VALUES |= frozenset({"--set-section-alignment", "--redefine-sym", "--redefine-syms"})
_OBJCOPY_VALUES |= frozenset({"--change-section-address", "--change-section-lma", "--heap"})
_OBJCOPY_VALUES |= frozenset({"--change-section-vma", "--gap-fill", "--pad-to", "--stack"})
_OBJCOPY_VALUES |= frozenset({"--change-addresses", "--adjust-vma", "--set-start"})
_OBJCOPY_VALUES |= frozenset({"--change-start", "--adjust-start", "--add-gnu-debuglink"})
_OBJCOPY_VALUES |= frozenset({"--strip-symbols", "--keep-symbols", "--prefix-symbols"})
_OBJCOPY_VALUES |= frozenset({"--prefix-sections", "--prefix-alloc-sections", "--interleave"})
_OBJCOPY_VALUES |= frozenset({"--srec-len", "--image-base", "--subsystem", "--byte"})
_OBJCOPY_VALUES |= frozenset({"--localize-symbols", "--globalize-symbols", "--weaken-symbols"})
_OBJCOPY_VALUES |= frozenset({"--keep-global-symbols", "--strip-unneeded-symbols"})
_OBJCOPY_VALUES |= frozenset({"--section-alignment", "--file-alignment", "--reverse-bytes"})


def objcopy(cmd: Cmd, w: Walker) -> None:
    """``objcopy IN OUT`` writes OUT; ``objcopy IN`` rewrites IN; ``--dump-section S=FILE``
    writes FILE and ``--add-section S=FILE`` copies FILE into the output."""
    values = cmd.values()
    if not values or {"-h", "--help", "-V", "--version", "--info"} & set(values):
        return
    for index, text in enumerate(values):
        flag, _, joined = text.partition("=") if text.startswith("--") else (text, "", "")
        value = joined or (values[index + 1] if index + 1 < len(values) else "")
        if flag in ("--dump-section", "--add-section", "--update-section") and "=" in value:
            found = w.place(value.split("=", 1)[1])
            if flag == "--dump-section":
                write_target(found, w, "objcopy --dump-section")
            elif (why := credential(found, w.ctx)) is not None:
                # credential_read: the file's bytes become a section of the output
                w.flag("credential_read", f"objcopy {flag} reads {found.path}: {why}")
    operands = operands_of(values, _OBJCOPY_VALUES)
    if operands:
        _write(operands[-1], w, "objcopy")  # OUT, or IN rewritten in place


_BEGIN = re.compile(r"^begin(?:-base64)?\s+[0-7]{3,4}\s+(\S.*?)\s*$", re.M)


def uudecode(cmd: Cmd, w: Walker) -> None:
    """``uudecode -o FILE`` writes FILE; without -o, the file the ``begin`` line names."""
    values = cmd.values()
    named = [
        values[i + 1] if v in ("-o", "--output-file") and i + 1 < len(values) else v[2:]
        for i, v in enumerate(values)
        if v in ("-o", "--output-file") or (v.startswith("-o") and len(v) > 2)
    ]
    named += [v.split("=", 1)[1] for v in values if v.startswith("--output-file=")]
    if named:
        for path in named:
            if path not in ("/dev/stdout", "-"):
                _write(path, w, "uudecode -o")
        return
    files = operands_of(values, frozenset({"-o", "--output-file"}))
    texts: list[str | None] = [w.written.get(w.place(f).path) for f in files if f != "-"]
    if not files or "-" in files:
        texts += _fed_script(cmd, w)
    for text in texts:
        if text is None or UNKNOWN in text:
            # outside_write: the encoded text's header names the file written, any path
            w.flag("outside_write", "uudecode writes where an encoded header not seen here says")
            return
        for name in _BEGIN.findall(text):
            if name not in ("/dev/stdout", "-"):
                _write(name, w, "uudecode")


# An ed or ex command that writes the buffer to the file being edited: a bare w/wq/x.
_RANGE = r"(?:[\d.$,;%+\-]|'[a-z<>])*"
_BARE_WRITE = re.compile(
    r"^\s*:*\s*" + _RANGE + r"\s*(?:w|wq|W|x|xit|exi|exit|up|update|wa|wall|wqa|wqall|xa"
    r"|xall)!?\s*$"
)
_NAMED_WRITE = re.compile(r"^\s*:*\s*" + _RANGE + r"\s*(?:w|wq|W|sav|saveas)!?\s+(?:>>\s*)?(\S.*)$")
_ED_VALUES = frozenset({"-p", "--prompt"})
_VIM_VALUES = frozenset({"-c", "--cmd", "-S", "-u", "-U", "-s", "-T", "-i", "-w", "-W", "-t"})
_VIM_VALUES |= frozenset({"-q", "--servername", "--remote", "--startuptime", "-V"})
_VIMS = frozenset({"vim", "vi", "nvim", "view", "rvim", "vim.basic", "vim.tiny", "vim.nox"})
_EX_MODE = re.compile(r"^-[a-zA-Z]*[eE]")


def _script_writes(text: str, files: list[str], w: Walker, name: str, *, named: bool) -> None:
    """The writes in an editor script: a bare write lands in the edited files."""
    for line in text.split("\n"):
        for piece in line.split("|") if name != "ed" else [line]:
            if _BARE_WRITE.match(piece):
                for path in files:
                    _write(path, w, f"{name} script's write")
            elif named and (match := _NAMED_WRITE.match(piece)) is not None:
                target = match.group(1).strip()
                if target.startswith("!"):
                    w.script(target[1:], f"a shell command {name} runs")  # `w !cmd`
                elif UNKNOWN in target:
                    w.flag("dynamic_command", f"{name} names a file known only at run time")
                else:
                    _write(target, w, f"{name} script's write")


def _fed_script(cmd: Cmd, w: Walker) -> list[str | None]:
    """The editor script the line feeds: its texts; None for text not known here."""
    texts: list[str | None] = list(cmd.fed_texts())
    if cmd.stdin is not None and cmd.stdin.text is None:
        texts.append(None)
    for red in cmd.redirects:
        if red.op == "<" and red.target is not None:
            known = red.target.static and UNKNOWN not in red.target.text
            texts.append(w.written.get(w.place(red.target.text).path) if known else None)
    return texts


def editor_script(cmd: Cmd, w: Walker) -> None:
    """``ed FILE``/``ex FILE``/``vim -es FILE`` fed a script: a bare ``w`` writes FILE (a
    script not seen here may); ``vim -c wq FILE`` as well."""
    values = cmd.values()
    vim = cmd.name in _VIMS
    ex_mode = cmd.name == "ex" or any(_EX_MODE.match(v) for v in values if v[:2] != "--")
    takes = _VIM_VALUES - ({"-s"} if ex_mode else set()) if vim or cmd.name == "ex" else _ED_VALUES
    files = operands_of(values, takes)
    files = [f for f in files if not f.startswith("+") and UNKNOWN not in f]
    if vim:
        commands = [values[i + 1] for i, v in enumerate(values[:-1]) if v in ("-c", "--cmd")]
        commands += [v[1:] for v in values if v.startswith("+") and not v[1:].isdigit()]
        for command in commands:
            _script_writes(command, files, w, cmd.name, named=False)
        if not ex_mode:
            return  # vim reads keys from its input, not Ex commands
    for text in _fed_script(cmd, w):
        if text is None:
            for path in files:
                # a script not seen here may write the file it edits
                _write(path, w, f"{cmd.name} fed a script not seen here")
            continue
        _script_writes(text, files, w, cmd.name, named=cmd.name not in ("ed", "red"))


OUTPUT_RULES: dict[str, Rule] = {"sponge": sponge, "uniq": uniq, "xxd": xxd, "lz4": lz4}
OUTPUT_RULES |= {"objcopy": objcopy, "uudecode": uudecode, "ed": editor_script}
OUTPUT_RULES |= {name: editor_script for name in _VIMS | {"ex", "red"}}
OUTPUT_RULES |= {f"{prefix}objcopy": objcopy for prefix in ("llvm-", "x86_64-linux-gnu-")}
