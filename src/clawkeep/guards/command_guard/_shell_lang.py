"""bash features that run or load code by name, read as what they run.

- Variables bash itself evaluates: a prompt string with a substitution (``PS4='$(cmd)'``
  runs cmd under ``-x``), an exported function (``BASH_FUNC_ls%%=() { …; }``), a start-up
  file (``BASH_ENV``, ``ENV``) the line wrote or downloaded, and a value that arithmetic
  would evaluate (``x='a[$(cmd)]'; $((x))`` runs cmd: a subscript's substitution runs
  wherever the value is used as a number, in ``(( ))``, ``let``, ``[[ -eq ]]``, ``declare -i``).
- Builtins: ``let`` of such text, ``declare``/``export``/``local`` of a name known only at
  run time (it can set any variable, ``LD_PRELOAD`` or an array whose subscript runs code),
  ``printf -v NAME`` of static text (NAME holds it), ``hash -p PROG NAME`` (NAME runs
  PROG), ``enable -f`` of a library the line downloaded, ``fc`` (re-runs history, known only
  at run time) and ``mapfile -C CALLBACK`` (the callback runs with every line read).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import command_name
from clawkeep.guards.command_guard._echo import echo_text
from clawkeep.guards.command_guard._walk_vars import LESS_VARS
from clawkeep.guards.command_guard._word_types import UNKNOWN

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._cmd import Cmd, Rule
    from clawkeep.guards.command_guard._parse import Node
    from clawkeep.guards.command_guard._walk import Walker
    from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["BUILTIN_RULES", "declared", "shell_var"]

# Prompt strings: bash expands $(…) and `…` in them each time it prints them.
_PROMPTS = frozenset({"PS0", "PS1", "PS2", "PS3", "PS4"})
# A subscript holding a substitution: arithmetic on the value runs the substitution.
_SUBSCRIPT_CODE = re.compile(r"\[[^\]]*(\$\(|`)")
# Children of `declare` whose name the grammar already knows.
_NAMED = frozenset({"variable_assignment", "variable_name", "word"})
# The folder the guard files `hash -p` entries under: bash looks there before PATH.
HASHED = "/#hash"
# Variables naming code a shell or interpreter loads before its own program.
_STARTUP_CODE = frozenset({"BASH_ENV", "ENV", "PYTHONSTARTUP", "NODE_OPTIONS", "PERL5OPT"})
_PRODUCED = frozenset({"download", "decode", "cipher"})


@cache
def _late() -> tuple[Callable[[str, Arg, Walker], None], Callable[[str, Arg, Walker], None]]:
    """``startup_var`` and ``installer_var``, from modules that import this one: bound once."""
    from clawkeep.guards.command_guard._fx_startup import startup_var
    from clawkeep.guards.command_guard._net_installers import installer_var

    return startup_var, installer_var


def shell_var(name: str, value: Arg, w: Walker) -> None:
    """A variable bash evaluates as code: judge the code now."""
    startup_var, installer_var = _late()
    text = value.text
    if not value.static:
        if name in _STARTUP_CODE:
            _dynamic_startup(name, value, w)
        return
    if name in _PROMPTS and ("$(" in text or "`" in text):
        w.script(text, f"a command in {name}", scope="maybe")
    elif name.startswith("BASH_FUNC_"):
        # an exported function: every bash started with it defines and may run the body
        w.script(text.lstrip().removeprefix("()"), f"the function {name} exports")
    elif name in ("BASH_ENV", "ENV"):
        startup_file(text, name, w)
    elif name in LESS_VARS:
        from clawkeep.guards.command_guard._fx_pagers import less_var

        less_var(name, value, w)  # LESS='+!cmd': every less started later runs cmd
    else:
        startup_var(name, value, w)  # NODE_OPTIONS, PYTHONSTARTUP …: code loaded at start
    if _SUBSCRIPT_CODE.search(text):
        w.script(": " + text, f"a subscript arithmetic evaluates in {name}", scope="maybe")
    installer_var(name, value, w)  # RUSTUP_DIST_SERVER=URL, CARGO_TARGET_…_RUNNER=CMD


def _dynamic_startup(name: str, value: Arg, w: Walker) -> None:
    """``BASH_ENV=<(…)``: bash expands a process substitution in an assignment, so the
    start-up file is a /dev/fd the line fills; judged like ``bash --rcfile <(…)``."""
    from clawkeep.guards.command_guard._walk_procin import input_files

    lone = len(value.substs) == 1 and w.text(value.substs[0]).startswith("<(")
    if lone and name in ("BASH_ENV", "ENV", "PYTHONSTARTUP"):
        if w.subst_kinds(value) & _PRODUCED:
            # download_exec: the start-up file is the output of a download or a decoder
            w.flag("download_exec", f"{name} loads the output of a download or a decoder")
            return
        named = input_files(w, [value])[0]
        if named.static:  # /dev/fd/63, recorded as written with the text it prints
            shell_var(name, named, w)
            return
    # dynamic_command: the code every later start loads is known only at run time
    w.flag("dynamic_command", f"{name} names start-up code known only at run time")


def startup_file(path: str, name: str, w: Walker) -> None:
    """The file a shell sources before its script: what this line put there runs."""
    if w.fetched(path):
        # download_exec: the shell sources a file the line downloaded
        w.flag("download_exec", f"{name} names {path}, downloaded by this command line")
    elif (text := w.written.get(w.place(path).path)) is not None:
        w.run_written(path, text, lang="sh")


def declared(w: Walker, node: Node) -> bool:
    """``declare "$v"``, ``export "$(…)"``: a variable named only at run time is set.

    Always False: the caller then walks the command's assignments as any other node's."""
    from clawkeep.guards.command_guard._words import resolve

    for child in node.named_children:
        if child.type in _NAMED or w.text(child).startswith(("-", "+")):
            continue
        word = resolve(child, w.src, w.env)
        if UNKNOWN in word.text.split("=", 1)[0]:
            # dynamic_command: any variable (LD_PRELOAD, PATH, a[$(cmd)]) may be set by it
            w.flag("dynamic_command", "declare, export or local sets a name known at run time")
    return False


def _let(cmd: Cmd, w: Walker) -> None:
    for arg in cmd.args:
        if not arg.static:
            w.flag("dynamic_command", "let evaluates arithmetic known only at run time")
        elif _SUBSCRIPT_CODE.search(arg.text):
            w.script(": " + arg.text, "a subscript let evaluates")


def _printf(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "-v" not in values or values.index("-v") + 2 > len(values):
        return
    at = values.index("-v")
    if not re.fullmatch(r"[A-Za-z_]\w*(\[[^\]]*\])?", values[at + 1]):
        # dynamic_command: printf -v "$name" sets any variable (LD_PRELOAD, PATH …)
        w.flag("dynamic_command", "printf -v sets a variable named only at run time")
        return
    text = echo_text("printf", cmd.args[at + 2 :])
    if text is not None and re.fullmatch(r"[A-Za-z_]\w*", values[at + 1]):
        w.env.values[values[at + 1]] = text  # printf -v f '%s/.ssh/%s' "$HOME" id_rsa


def _hash(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "-p" not in values or values.index("-p") + 2 > len(values):
        return
    at = values.index("-p")
    program = command_name(values[at + 1])
    for name in values[at + 2 :]:
        # `hash -p /usr/bin/nc ls; ls …` runs nc: bash looks a name up here before PATH
        w.aliases[w.place(HASHED + "/" + name).path] = w.aliases.get(values[at + 1], program)
    if HASHED not in w.search:
        w.search = [HASHED, *w.search]


def _enable(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    for index, value in enumerate(values[:-1]):
        if value != "-f":
            continue
        path = values[index + 1]
        if "/" not in path:
            folder = w.env.values.get("BASH_LOADABLES_PATH") or ""
            path = posixpath.join(folder.split(":")[0], path) if folder else path
        if w.fetched(path):
            # download_exec: a loadable builtin is native code the shell loads into itself
            w.flag("download_exec", f"enable -f loads {path}, downloaded by this command line")


def _fc(cmd: Cmd, w: Walker) -> None:
    if not any(v.startswith("-") and "l" in v for v in cmd.values()):
        # dynamic_command: fc runs commands from the history, known only at run time
        w.flag("dynamic_command", "fc runs commands from the shell's history")


def _mapfile(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    for index, value in enumerate(values):
        if not value.startswith("-") or value.startswith("--") or "C" not in value:
            continue
        glued = value.split("C", 1)[1]  # -C CB, -CCB, -tC CB: getopts spellings
        at = index if glued else index + 1
        if at >= len(values):
            continue
        if not cmd.args[at].static:
            w.flag("dynamic_command", "mapfile's callback is known only at run time")
        else:
            # the callback runs with an index and each line read appended
            callback = glued or values[at]
            w.script(callback + ' 0 "$MAPFILE_LINE"', "mapfile's callback")


BUILTIN_RULES: dict[str, Rule] = {
    "let": _let,
    "printf": _printf,
    "hash": _hash,
    "enable": _enable,
    "fc": _fc,
    "mapfile": _mapfile,
    "readarray": _mapfile,
}
