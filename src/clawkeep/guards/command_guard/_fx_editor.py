"""What an editor's start-up commands and scripts do: vim's ``-c``/``--cmd``/``+cmd``
commands in the script languages it embeds (``:py3``, ``:lua``, ``:perl``, ``:ruby``),
and the files a vim or ed command reads or writes (``:w! ~/.ssh/authorized_keys``,
``e /etc/shadow`` fed to ed). Shell escapes (``:!sh``) are ``_wrap_carried``'s.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_args import value_of
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["EDITOR_RULES"]

_VIMS = frozenset({"vim", "vi", "nvim", "view", "vimdiff", "rvim", "gvim", "evim", "ex"})
_VIMS |= frozenset({"vim.basic", "vim.tiny", "vim.nox", "vim.gtk3"})
# vim's embedded interpreters: the command's text is code in that language
_VIM_LANGS = {
    "py": "python",
    "py3": "python",
    "python": "python",
    "python3": "python",
    "pyx": "python",
    "pythonx": "python",
    "lua": "lua",
    "perl": "perl",
    "ruby": "ruby",
    "rub": "ruby",
}
_VIM_LANG = re.compile(
    r"^\s*:*\s*(" + "|".join(sorted(_VIM_LANGS, key=len, reverse=True)) + r")\b(.*)$", re.S
)
# editor commands that write the buffer to a named file, and those that read one in
_WRITES = re.compile(
    r"^\s*:*\s*(?:\d*,?\d*)?\s*(w|write|wq|x|xit|sav|saveas|up|update|W|wq!)!?\s+(?:>>\s*)?(\S.*)$"
)
_READS = re.compile(
    r"^\s*:*\s*(?:\d*)?\s*(e|edit|E|r|read|sp|split|vs|vsplit|tabe|tabedit|view|so|source)!?\s+(\S.*)$"
)


def _file_command(text: str, cmd: Cmd, w: Walker) -> None:
    """One editor command line: judge the file it writes or reads."""
    for line in text.split("\n"):
        for piece in line.split("|") if cmd.name != "ed" else [line]:
            wrote = _WRITES.match(piece)
            read = _READS.match(piece)
            match = wrote or read
            target = match.group(2).strip() if match is not None else ""
            if target.startswith("!"):
                w.script(target[1:], f"a shell command {cmd.name} runs")  # `:w !cmd`, `r !cmd`
                continue
            if not target:
                continue
            if UNKNOWN in target:
                w.flag("dynamic_command", f"{cmd.name} names a file known only at run time")
                continue
            found = w.place(target)
            if wrote:
                write_target(found, w, f"{cmd.name} :{wrote.group(1)}")
            elif (why := credential(found, w.ctx)) is not None:
                # credential_read: the editor loads the file's bytes into its buffer
                w.flag("credential_read", f"{cmd.name} reads {found.path}: {why}")


# command modifiers that only change how the command after them runs
_MODIFIERS = re.compile(
    r"^\s*:*\s*(?:(?:sil(?:ent)?!?|keep\w*|noa(?:utocmd)?|uns(?:ilent)?|verb(?:ose)?|lockm\w*)\s+)+"
)
_FILTER = re.compile(r"^\s*:*\s*(?:[%.$\d,;+-]|'[a-z<>])*!(?P<s>.*)$", re.S)  # `:!cmd`, `:%!cmd`
_SHELL = re.compile(r"^\s*:*\s*(?:sh|shell|ter|terminal)(?:\s+(?P<s>.*))?$", re.S)
_EXECUTE = re.compile(r"^\s*:*\s*exe(?:cute)?\s+(?P<q>[\"'])(?P<s>.*)(?P=q)\s*$", re.S)
_CALLS = re.compile(
    r"\b(?:system|systemlist|jobstart|termopen|job_start|term_start)\s*\(\s*(?:(?P<q>[\"'])"
    r"(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)|(?P<other>[^)]))"
)
_SCRIPT_FILES = re.compile(
    r"^\s*:*\s*(py3?file|pyxfile|luafile|rubyfile|perlfile|so|source)\s+(\S+)"
)
_FILE_LANGS = {"luafile": "lua", "rubyfile": "ruby", "perlfile": "perl", "so": "vim"}


def _vim_command(text: str, cmd: Cmd, w: Walker, depth: int = 0) -> None:
    """One vim Ex command (given with -c, --cmd or +): what it runs or touches."""
    text = _MODIFIERS.sub("", text, count=1)
    if (match := _VIM_LANG.match(text)) is not None:
        w.code(_VIM_LANGS[match.group(1)], match.group(2))
        return
    if (match := _EXECUTE.match(text)) is not None and depth < 3:
        _vim_command(match.group("s").replace('\\"', '"'), cmd, w, depth + 1)
        return
    shell = _SHELL.match(text) or _FILTER.match(text)
    if shell is not None:
        body = shell.group("s")
        if body and body.strip():
            w.script(body, f"a shell command {cmd.name} runs")
        else:
            # dynamic_command: an interactive shell started from the editor (a shell escape)
            w.flag("dynamic_command", f"{cmd.name} starts a shell")
        return
    for call in _CALLS.finditer(text):
        if call.group("s") is not None:
            w.script(call.group("s"), f"a command {cmd.name} script runs")
        else:
            w.flag("dynamic_command", f"{cmd.name} script runs a command built at run time")
    if (match := _SCRIPT_FILES.match(text)) is not None:
        path = match.group(2)
        written = w.written.get(w.place(path).path) if UNKNOWN not in path else None
        lang = _FILE_LANGS.get(match.group(1), "python")
        if written is not None and lang == "vim":
            for line in written.split("\n"):
                _vim_command(line, cmd, w, depth + 1)
        elif written is not None:
            w.code(lang, written)
        return
    _file_command(text, cmd, w)


def _vim(cmd: Cmd, w: Walker) -> None:
    commands: list[str] = []
    for index, arg in enumerate(cmd.args):
        for flag in ("-c", "--cmd"):
            value = value_of(cmd.args, index, flag) if arg.text.startswith(flag) else None
            if value is not None and not (flag == "-c" and arg.text.startswith("--")):
                commands.append(value)
        if arg.text.startswith("+") and not arg.text[1:].isdigit() and len(arg.text) > 1:
            commands.append(arg.text[1:])
        if arg.text in ("-S", "-u", "-U") and index + 1 < len(cmd.args):
            commands.append("so " + cmd.args[index + 1].text)  # a session script or a vimrc
        if arg.text == "-s" and index + 1 < len(cmd.args) and cmd.name != "ex":
            commands.append("so " + cmd.args[index + 1].text)  # typed keys: their `:` lines
    for text in commands:
        if UNKNOWN in text:
            w.flag("dynamic_command", f"{cmd.name} runs an editor command known at run time")
            continue
        _vim_command(text, cmd, w)
        parts = text.split("|")
        for at in range(1, len(parts)):
            if "!" not in parts[at - 1]:  # `:set shell=/bin/sh|:shell`: a bar starts a command
                _vim_command("|".join(parts[at:]), cmd, w)


def _ed(cmd: Cmd, w: Walker) -> None:
    for text in cmd.fed_texts():
        _file_command(text, cmd, w)


EDITOR_RULES: dict[str, Rule] = {name: _vim for name in _VIMS}
EDITOR_RULES |= {"ed": _ed, "red": _ed}
