"""How the file rules read an argv: its operands (options and their values left out) and
its short option letters.
"""

from __future__ import annotations

__all__ = ["operands_of", "short_flags"]


def operands_of(args: list[str], with_value: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    skip = False
    dashdash = False
    for arg in args:
        if skip:
            skip = False
        elif dashdash or not arg.startswith("-") or arg == "-":
            out.append(arg)
        elif arg == "--":
            dashdash = True
        elif arg in with_value:
            skip = True
    return out


def short_flags(args: list[str]) -> str:
    letters = ""
    for arg in args:
        if arg == "--":
            break
        if arg.startswith("-") and not arg.startswith("--"):
            letters += arg[1:]
    return letters
