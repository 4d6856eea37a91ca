"""awk's program: the inline one, ``-e``/``--source`` text, and the files ``-f``, ``-E``
and ``-i`` name (gawk, mawk's ``-W exec``), each judged as awk code.

awk's ``system()``, ``print | "cmd"`` and ``"cmd" | getline`` run shell commands, so a
program file the line wrote (``printf 'BEGIN{system(…)}' > f; awk -f f``) is judged as
the inline program is; one it wrote with text only the run knows is refused
(``_exec_files``). A project's own ``awk -f script.awk data`` stays allowed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clawkeep.guards.command_guard._exec_files import program_texts
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["awk"]

# Short options whose value is the rest of the word or the next word.
_VALUED = frozenset("FvfEileW")
_FILES = frozenset("fEi")  # the value is a program file (-i: gawk's @include)
_OPTIONAL = frozenset("dDoLp")  # gawk's -d[FILE], -o[FILE] …: only the rest of the word
_LONG = {
    "file": "f",
    "exec": "E",
    "include": "i",
    "source": "e",
    "field-separator": "F",
    "assign": "v",
    "load": "l",
}
_LONG_FLAGS: tuple[str, ...] = ("characters-as-bytes", "traditional", "copyright", "debug")
_LONG_FLAGS += ("dump-variables",)
_LONG_FLAGS += ("gen-pot", "help", "lint", "bignum", "use-lc-numeric", "non-decimal-data")
_LONG_FLAGS += ("optimize", "profile", "pretty-print", "posix", "re-interval", "no-optimize")
_LONG_FLAGS += ("sandbox", "lint-old", "version", "csv", "persist")

# `cmd | getline`, `print … | cmd`: awk pipes to or from a shell running the variable's text
_AWK_PIPE_VARIABLE = re.compile(
    r"(?<![\w$])(?!getline\b)[A-Za-z_]\w*(?:\[[^\]]*\])?\s*\|&?\s*getline\b"
    r"|\bprintf?\b[^;{}|]*(?<!\|)\|&?(?!\|)\s*[A-Za-z_]\w*\s*(?:[;}\n)]|$)"
)


def _long(word: str) -> str | None:
    """The short letter of a long option taking a value (abbreviations too), else None."""
    name = word[2:].split("=", 1)[0]
    found = [n for n in (*_LONG, *_LONG_FLAGS) if n.startswith(name)] if name else []
    exact = [n for n in found if n == name]
    chosen = exact or found
    if len(chosen) != 1 or chosen[0] not in _LONG:
        return None
    return _LONG[chosen[0]]


def _options(args: list[Arg]) -> tuple[list[Arg], list[Arg], int]:
    """The inline program texts and the program files the options give, and where the
    operands start."""
    texts: list[Arg] = []
    files: list[Arg] = []
    index = 0
    while index < len(args) and args[index].text.startswith("-") and args[index].text != "-":
        arg, word = args[index], args[index].text
        index += 1
        if word == "--":
            break
        pairs: list[tuple[str, Arg | None]] = []
        if word.startswith("--"):
            letter = _long(word)
            if letter is not None:
                attached = word.partition("=")[2] if "=" in word else None
                given = _rest(arg, attached) if attached is not None else None
                if given is None and index < len(args):
                    given, index = args[index], index + 1
                pairs.append((letter, given))
        else:
            for at, letter in enumerate(word[1:], start=1):
                if letter in _OPTIONAL:
                    break
                if letter not in _VALUED:
                    continue
                given = _rest(arg, word[at + 1 :]) if word[at + 1 :] else None
                if given is None and index < len(args):
                    given, index = args[index], index + 1
                pairs.append((letter, given))
                break
        for letter, given in pairs:
            if given is None:
                continue
            if letter in _FILES:
                files.append(given)
            elif letter == "e":
                texts.append(given)
            elif letter == "W" and given.text.startswith("e") and index < len(args):
                files.append(args[index])  # mawk -W exec FILE: the program file
                index += 1
            elif letter == "W" and given.text.startswith("source="):
                texts.append(_rest(given, given.text.removeprefix("source=")))
    return texts, files, index


def _rest(arg: Arg, text: str) -> Arg:
    """The part of a word that is an option's value (``-fFILE``, ``--file=FILE``)."""
    return replace(arg, text=text)


def _program(text: str, w: Walker) -> None:
    if _AWK_PIPE_VARIABLE.search(text):
        # dynamic_command: `cmd | getline` hands the string held in cmd to a shell
        w.flag("dynamic_command", "awk runs a command held in a variable")
    w.code("awk", text)


def awk(cmd: Cmd, w: Walker) -> None:
    """Judge every program text awk is given, inline or in a file the line wrote."""
    texts, files, index = _options(cmd.args)
    for given in files:
        if given.text == "-":
            given = Arg("/dev/stdin")  # `-f -`: the program is read from the input
        # a program file the line wrote is run as awk code: judged like an inline program
        for _path, text in program_texts(cmd, w, given, f"{cmd.name} -f"):
            _program(text, w)
    if not texts and not files and index < len(cmd.args):
        texts = [cmd.args[index]]  # no -f or -e: the first operand is the program
    for given in texts:
        if not given.static:
            w.flag("dynamic_command", "awk runs a program known only at run time")
            return
        _program(given.text, w)
