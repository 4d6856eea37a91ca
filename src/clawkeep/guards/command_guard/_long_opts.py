"""Long options spelled by a prefix: GNU tar (getopt_long) and git (parse-options) take
any unambiguous prefix of a long option, so ``tar --to-comm='sh x'`` is ``--to-command``
and ``git push --rec='sh x'`` is ``--receive-pack``. The rules that name an option see
its full spelling: a prefix of an option that runs a command or names where members land
is read as that option (where the prefix is ambiguous the tool refuses it anyway).
"""

from __future__ import annotations

from dataclasses import replace

from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["unabbreviated"]

# The options the rules read, per tool, and the tool's own options that are both a full
# name and a prefix of one of them (an exact name wins over a prefix: `--checkpoint=1`).
_NAMED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "tar": (
        frozenset({"--checkpoint-action", "--to-command", "--use-compress-program"})
        | frozenset({"--rsh-command", "--info-script", "--new-volume-script", "--transform"})
        | frozenset({"--xform", "--directory"}),
        frozenset({"--checkpoint"}),
    ),
    "git": (
        frozenset({"--upload-pack", "--receive-pack", "--exec", "--extcmd"}),
        frozenset(),
    ),
}


def _full(names: frozenset[str], exact: frozenset[str], text: str) -> str:
    flag, eq, value = text.partition("=")
    if len(flag) < 4 or flag in names or flag in exact:
        return text
    hits = [name for name in names if name.startswith(flag)]
    return hits[0] + eq + value if len(hits) == 1 else text


def unabbreviated(name: str, args: list[Arg]) -> list[Arg]:
    """``args`` with each long option the rules read spelled out in full."""
    named = _NAMED.get(name)
    if named is None:
        return args
    out: list[Arg] = []
    for arg in args:
        if arg.text.startswith("--") and arg.text != "--":
            full = _full(*named, arg.text)
            out.append(arg if full == arg.text else replace(arg, text=full))
        else:
            out.append(arg)
    return out
