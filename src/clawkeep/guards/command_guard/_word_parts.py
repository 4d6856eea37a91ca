"""What an expansion reads out of a variable the line set: an array's elements
(``${arr[@]}``, ``${arr[2]}``) and a substring (``${VAR:offset:length}``).
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._word_types import ELEMENTS, UNKNOWN, Acc, Env

__all__ = ["ELEMENT", "array", "substring"]

_SLICE = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*):\s*(\d+)(?::\s*(\d+))?\}$")
# Variables that always hold an absolute path: their first character is "/".
_ABSOLUTE = frozenset({"PATH", "HOME", "PWD", "SHELL", "TMPDIR", "OLDPWD"})


def substring(text: str, env: Env) -> str | None:
    """``${VAR:offset:length}`` when the value is known (``${PATH:0:1}`` is always "/")."""
    match = _SLICE.match(text)
    if match is None:
        return None
    name, start = match.group(1), int(match.group(2))
    length = int(match.group(3)) if match.group(3) is not None else None
    value = env.values.get(name) if name in env.values else None
    if value is None and name == "HOME" and env.home != "~":
        value = env.home
    if value is None:
        if name in _ABSOLUTE and start == 0 and length == 1:
            return "/"
        return None
    return value[start:] if length is None else value[start : start + length]


# ${arr[@]}, ${arr[*]}, ${arr[2]}: the words an array the script assigned holds
ELEMENT = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\[([@*]|\d+)\]\}$")


def array(name: str, index: str, env: Env, acc: Acc) -> None:
    """``${name[@]}``, ``${name[*]}``, ``${name[N]}``: the words the line assigned, if known."""
    if name in env.computed:
        acc.computed = True
    stored = env.values.get(name + "[@]") if name + "[@]" in env.values else None
    items = stored.split(ELEMENTS) if stored is not None else []
    if stored is None or env.values.get(name) != (items[0] if items else ""):
        # never assigned as a list here, or changed since (read -a, ${a:=x}, for a in …)
        acc.parts.append(UNKNOWN)
        return
    if index == "@" and acc.in_string:
        acc.parts.append(stored)  # "${arr[@]}": one word per element, spaces kept
        acc.elements = True
    elif index in ("@", "*"):
        acc.parts.append(" ".join(items))  # unquoted, or "${arr[*]}": joined, split again
    else:
        acc.parts.append(items[int(index)] if int(index) < len(items) else "")
