"""What a sed script runs, writes or reads beyond the text it edits."""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._cmd import Cmd
from clawkeep.guards.command_guard._io_args import operands_of
from clawkeep.guards.command_guard._io_write import write_target
from clawkeep.guards.command_guard._path_secrets import credential
from clawkeep.guards.command_guard._walk import Walker

__all__ = ["sed"]


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
        operands = operands_of(values, frozenset({"-l", "-s"}))
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


def sed(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    _sed_commands(cmd, w)
    if not any(v.startswith("-i") or v.startswith("--in-place") for v in values):
        return  # without -i sed only prints
    scripted = any(v in ("-e", "-f", "--expression", "--file") for v in values)
    operands = operands_of(values, frozenset({"-e", "-f", "--expression", "--file", "-l"}))
    for target in operands if scripted else operands[1:]:
        write_target(w.place(target), w, "sed -i")
