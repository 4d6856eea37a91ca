"""Whether a program runs a command given in an option or its input: shell escapes
(``sqlite3 .shell``, ``mysql \\!``), command options, emacs and expect code, run-parts.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_args import value_of
from clawkeep.guards.command_guard._fx_tables import COMMAND_OPTIONS, ESCAPE_OPTIONS
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["command_options", "emacs", "escapes", "expect", "run_parts"]
_EMACS_RUN = re.compile(
    r"\((?:term|ansi-term|shell-command(?:-to-string)?|async-shell-command|call-process"
    r"(?:-shell-command)?|start-process(?:-shell-command)?|compile)\s+(?:\"[^\"]*\"\s+nil\s+)?"
    r"\"((?:\\.|[^\"\\])*)\""
)
_EXPECT_RUN = re.compile(r"(?:^|[;\n{]\s*)(?:spawn|exec|system)\s+([^;\n}]+)")


def _escape_lines(text: str, prefixes: tuple[str, ...]) -> list[str]:
    """The shell text after each escape prefix at the start of a statement.

    A statement starts a line or follows a `;`; the escape runs to the end of its line,
    `;` included (`.shell rm f;mkfifo f;…` hands all of it to the shell).
    """
    found: list[str] = []
    for line in text.split("\n"):
        pieces = line.split(";")
        for index, piece in enumerate(pieces):
            stripped = piece.lstrip()
            prefix = next((p for p in prefixes if stripped.startswith(p)), None)
            if prefix is not None:
                found.append(";".join([stripped[len(prefix) :], *pieces[index + 1 :]]))
                break
    return found


def escapes(cmd: Cmd, w: Walker) -> None:
    options, prefixes = ESCAPE_OPTIONS[cmd.name]
    texts: list[str] = []
    for index in range(len(cmd.args)):
        for flag in options:
            value = value_of(cmd.args, index, flag)
            if value is not None:
                texts.append(value)
    if cmd.name == "sqlite3":
        texts += [a.text for a in cmd.args if a.text.startswith(".")]
    for text in texts + cmd.fed_texts():
        for line in _escape_lines(text, prefixes):
            # the program hands this line to a shell: judge it as one
            w.script(line, f"a shell escape in {cmd.name}")


def command_options(cmd: Cmd, w: Walker) -> None:
    flags = COMMAND_OPTIONS[cmd.name]
    if cmd.name == "gem" and (not cmd.args or cmd.args[0].text != "open"):
        return
    for index in range(len(cmd.args)):
        for flag in flags:
            value = value_of(cmd.args, index, flag)
            if value is None:
                continue
            if UNKNOWN in value:
                w.flag("dynamic_command", f"{cmd.name} {flag} runs a command known at run time")
            else:
                w.script(value, f"{cmd.name} {flag} command")


def emacs(cmd: Cmd, w: Walker) -> None:
    for index in range(len(cmd.args)):
        for flag in ("--eval", "-eval", "--execute"):
            value = value_of(cmd.args, index, flag)
            if value is None:
                continue
            for match in _EMACS_RUN.finditer(value):
                w.script(match.group(1).replace('\\"', '"'), "a command in emacs lisp")


def expect(cmd: Cmd, w: Walker) -> None:
    for index in range(len(cmd.args)):
        value = value_of(cmd.args, index, "-c")
        if value is None:
            continue
        if UNKNOWN in value:
            w.flag("dynamic_command", "expect -c runs a script known only at run time")
            continue
        for match in _EXPECT_RUN.finditer(value):
            w.script(match.group(1).strip(), "a command expect spawns")


def run_parts(cmd: Cmd, w: Walker) -> None:
    if {"--test", "--list", "-V", "--version", "-h", "--help"} & set(cmd.values()):
        return
    # dynamic_command: every program in the directory runs, chosen by a listing at run time
    w.flag("dynamic_command", "run-parts runs every program found in a directory")
