"""Pagers' and editors' start-up commands given outside their argv: less's options in
``LESS``/``SYSTEMD_LESS`` (``+!cmd``), nano's spell checker, emacs files loaded with ``-l``
and forms sent with ``emacsclient --eval``, and a rebase sequence editor that writes
``exec`` lines into the todo list git then runs.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._fx_args import values_of
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

__all__ = ["PAGER_RULES", "less_var"]

_LESS_COMMAND = re.compile(r"\+\s*:?\s*!(.+)$", re.S)
_EXEC_LINE = re.compile(r"(?:^|[\s'\"\\])(?:exec|x)\s+([^'\"\n]+)")
_EMACS_RUN = re.compile(
    r"\((?:shell-command(?:-to-string)?|async-shell-command|call-process(?:-shell-command)?"
    r"|start-process(?:-shell-command)?|make-process|process-lines|compile|term|ansi-term)\b"
)


def less_var(name: str, value: Arg, w: Walker) -> None:
    """``LESS='+!cmd'``: less runs the start-up command through a shell; ``MANOPT`` is
    man's options (``-P CMD``, ``--pager=CMD``), judged as a man command given them."""
    if name == "MANOPT":
        w.script(f"man {value.text} page", "the options in MANOPT")
        return
    found = _LESS_COMMAND.search(value.text)
    if found is not None and found.group(1).strip():
        w.script(found.group(1), f"the start-up command in {name}")


def _lisp(text: str, cmd: Cmd, w: Walker) -> None:
    if UNKNOWN in text:
        w.flag("dynamic_command", f"{cmd.name} evaluates lisp known only at run time")
    elif _EMACS_RUN.search(text):
        # dynamic_command: the form starts a process or a shell command
        w.flag("dynamic_command", f"{cmd.name} evaluates lisp that starts a process")


def emacs_files(cmd: Cmd, w: Walker) -> None:
    """``emacs -l FILE`` of a file the line wrote or fetched; ``emacsclient --eval FORM``."""
    if cmd.name == "emacsclient":
        forms = values_of(cmd.args, ("--eval", "-e"))
        evaluating = bool(forms) or any(a.text in ("-e", "--eval") for a in cmd.args)
        if evaluating:  # emacsclient -e: every operand is a form the server evaluates
            forms += [a.text for a in cmd.args if not a.text.startswith("-")]
        for form in forms:
            _lisp(form, cmd, w)
        return
    for path in values_of(cmd.args, ("-l", "--load", "-load", "--script", "-scriptload")):
        if UNKNOWN in path:
            continue
        if w.fetched(path):
            w.flag("download_exec", f"{cmd.name} loads {path}, downloaded by this line")
        elif (text := w.written.get(w.place(path).path)) is not None:
            _lisp(text, cmd, w)


def rebase_editor(cmd: Cmd, w: Walker) -> None:
    """A sequence editor that writes `exec CMD` into the rebase todo: git runs CMD."""
    values = cmd.values()
    if "rebase" not in values:
        return
    editors = [w.env.values.get("GIT_SEQUENCE_EDITOR") or ""]
    editors += [v.split("=", 1)[1] for v in values if v.startswith("sequence.editor=")]
    for editor in editors:
        for command in _EXEC_LINE.findall(editor or ""):
            w.script(command, "an exec line the sequence editor adds to the rebase")


_SPELLER = re.compile(r"^\s*set\s+speller\s+\"(.*)\"\s*$", re.M)


def nano_rc(cmd: Cmd, w: Walker) -> None:
    """``nano --rcfile FILE`` the line wrote: its ``set speller "CMD"`` runs CMD."""
    for path in values_of(cmd.args, ("--rcfile", "-f")):
        text = w.written.get(w.place(path).path) if UNKNOWN not in path else None
        for command in _SPELLER.findall(text or ""):
            w.script(command.replace('\\"', '"'), f"the spell checker {path} names")


PAGER_RULES: dict[str, Rule] = {"emacs": emacs_files, "emacsclient": emacs_files}
PAGER_RULES |= {"nano": nano_rc, "rnano": nano_rc}
PAGER_RULES |= {"git": rebase_editor}
