"""What a sed script runs, writes or reads beyond the text it edits.

The scripts are the ``-e``/``--expression`` texts, the ``-f``/``--file`` files (a file
this line wrote is judged by its text; one it wrote unseen is refused, ``_exec_files``),
else the first operand; options may come after the operands, in clusters (``-nf F``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from clawkeep.guards.command_guard._cmd import Cmd
from clawkeep.guards.command_guard._exec_files import program_texts
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["sed"]


_SED_ADDR = r"(?:\d+|\$|/(?:[^/\\]|\\.)*/)(?:\s*[,~]\s*(?:\d+|\$|/(?:[^/\\]|\\.)*/))?"
# GNU sed commands that reach past the text: `e CMD` runs a command, `w`/`W FILE` write a
# file, `r`/`R FILE` read one; the s command's `e` flag runs the pattern space, `w` writes.
_SED_COMMAND = re.compile(r"^\s*(?:" + _SED_ADDR + r")?\s*!?\s*([ewWrR])(?:\s+(.*))?$")
_SED_SUBST = re.compile(
    r"^\s*(?:" + _SED_ADDR + r")?\s*s(.)(?:\\.|(?!\1).)*\1(?:\\.|(?!\1).)*\1(\w*)(?:\s+(.*))?$"
)


# GNU sed's long options (any unique prefix is taken): those with a value -> the letter.
_LONG = {"expression": "e", "file": "f", "line-length": "l", "in-place": "i"}
_LONG_FLAGS: tuple[str, ...] = ("quiet", "silent", "debug", "null-data", "zero-terminated")
_LONG_FLAGS += ("separate",)
_LONG_FLAGS += ("regexp-extended", "sandbox", "unbuffered", "binary", "follow-symlinks")
_LONG_FLAGS += ("posix", "help", "version")


def _long(word: str) -> str:
    """The letter a long option stands for (``--fi=F`` is ``--file``), or ``""``."""
    name = word[2:].split("=", 1)[0]
    found = [n for n in (*_LONG, *_LONG_FLAGS) if n.startswith(name)] if name else []
    chosen = [n for n in found if n == name] or found
    return _LONG.get(chosen[0], "") if len(chosen) == 1 else ""


def _sed_options(args: list[Arg]) -> tuple[list[Arg], list[Arg], list[Arg], bool]:
    """The ``-e`` scripts, the ``-f`` script files, the operands (the script first when
    neither is given) and whether ``-i`` edits in place; options may follow operands."""
    scripts: list[Arg] = []
    files: list[Arg] = []
    operands: list[Arg] = []
    in_place = False
    index = 0
    while index < len(args):
        arg, word = args[index], args[index].text
        index += 1
        if word == "--":
            operands += args[index:]
            break
        if not word.startswith("-") or word == "-":
            operands.append(arg)
            continue
        letter, value = "", ""
        if word.startswith("--"):
            letter, _, value = word.partition("=")
            letter = _long(letter)
            value = value if "=" in word else ""
        else:
            for at, char in enumerate(word[1:], start=1):
                if char in "iefl":
                    letter, value = char, word[at + 1 :]
                    break
        if letter == "i":
            in_place = True  # -i[SUFFIX]: the suffix is only ever attached
            continue
        given = replace(arg, text=value) if value else None
        if letter and given is None and index < len(args):
            given, index = args[index], index + 1
        if given is not None and letter == "e":
            scripts.append(given)
        elif given is not None and letter == "f":
            files.append(given)
    if not scripts and not files and operands:
        scripts, operands = operands[:1], operands[1:]
    return scripts, files, operands, in_place


def _sed_commands(scripts: list[str], w: Walker) -> None:
    """The commands of a sed script that run, write or read beyond the text."""
    for script in scripts:
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


def sed(cmd: Cmd, w: Walker) -> None:
    scripts, files, operands, in_place = _sed_options(cmd.args)
    texts = [script.text for script in scripts]
    for given in files:
        given = Arg("/dev/stdin") if given.text == "-" else given  # `-f -`: read from input
        # a script file the line wrote is judged as a -e script is (its `e` runs a command)
        texts += [text for _path, text in program_texts(cmd, w, given, "sed -f")]
    _sed_commands(texts, w)
    if not in_place:
        return  # without -i sed only prints
    for target in operands:
        write_target(w.place(target.text), w, "sed -i")
