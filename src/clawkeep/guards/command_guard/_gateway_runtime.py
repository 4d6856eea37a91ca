"""Signals sent by name to every process of the interpreter the gateway runs in:
``killall -9 python3``, ``pkill python``, ``pkill -f python3``. The gateway is a Python
program, so every ``python`` process includes it: stopping them all stops the gateway that
judges this agent's commands (as ``pkill -f clawkeep`` does).

A pattern that names one program run by Python (``pkill -f 'uvicorn app.main:app'``,
``pkill -f 'python manage.py runserver'``) stops that program, not the interpreter's
every process, and is allowed. ``pkill``'s pattern is a regular expression matched
anywhere in the name, so ``pkill pyth`` and ``pkill '.*'`` reach the interpreter too.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._io_args import operands_of
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["RUNTIME_RULES"]

_INTERPRETER = re.compile(r"^(?:.*/)?python[\d.]*$")
# Options whose value is the next word (signal, user, group, session, terminal, parent).
_VALUED = frozenset({"-s", "--signal", "-u", "-U", "-g", "-G", "-t", "-P", "--parent"})
_VALUED |= {"--user", "--group", "--session", "--terminal", "--ns", "--nslist", "-n"}


def _hits_interpreter(cmd: Cmd, pattern: str) -> bool:
    if _INTERPRETER.match(pattern):
        return True
    if cmd.name != "pkill":
        return False  # killall and skill take whole names
    try:
        return re.search(pattern, "python3") is not None
    except re.error:
        return False


def _kills_runtime(cmd: Cmd, w: Walker) -> None:
    if any(_hits_interpreter(cmd, p) for p in operands_of(cmd.values(), _VALUED)):
        # privilege: the gateway runs in Python; every python process includes it
        w.flag("privilege", f"{cmd.name} signals every python process, the gateway's among them")


RUNTIME_RULES: dict[str, Rule] = {name: _kills_runtime for name in ("pkill", "killall", "skill")}
