"""What a listing's names stand for when a later pipeline stage opens them: the names of
files that hold keys (``ls ~/.aws``, ``find ~ -type f``), and the names of every file under
a tree (``find /srv/app -type f``), which ``xargs grep PATTERN`` then searches as ``grep -r``
would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._path_tables import LISTS
from clawkeep.guards.command_guard._word_types import Arg

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["listing_kinds"]


def listing_kinds(walker: Walker, name: str, args: list[Arg]) -> set[str]:
    """The kinds of names a command prints: ``secret_names`` (a lister of a credential),
    ``key_names=WORST`` (every file under a folder that holds keys) and ``tree_names=ROOT``
    (every file under ROOT, whatever their names)."""
    if name in LISTS:
        return {"secret_names"} if any(_secret_place(walker, a) for a in args) else set()
    if name not in _FINDERS:
        return set()
    kinds = {f"tree_names={root}"} if (root := _tree_root(name, args)) else set()
    worst = _lists_keys(walker, name, args)
    return kinds | ({"key_names=" + worst} if worst is not None else set())


_VALUED = frozenset({"-e", "--extension", "-g", "--glob", "-t", "--type", "-d", "--max-depth"})
_VALUED |= {"-E", "--exclude", "--iglob", "-T", "--type-not", "--max-results", "-j", "--threads"}


def _tree_root(name: str, args: list[Arg]) -> str | None:
    """The folder a finder walks, name tests or not (``find ROOT …``, ``fd PATTERN ROOT``,
    ``rg --files ROOT``); None when it prints no file names."""
    texts = [a.text for a in args]
    if name == "find":
        texts = [t for t in texts if t not in ("-H", "-L", "-P")]  # find -L ROOT
        return next((t for t in texts[:1] if not t.startswith(("-", "(", "!"))), ".")
    if name == "rg" and "--files" not in texts:
        return None
    operands = [
        t
        for i, t in enumerate(texts)
        if not t.startswith("-") and (i == 0 or texts[i - 1] not in _VALUED)
    ]
    operands = operands[1:] if name in ("fd", "fdfind") else operands  # fd PATTERN ROOT
    return operands[0] if operands else "."


def _roots(name: str, args: list[Arg]) -> list[str]:
    """The folders a finder lists every file under (none when a name test narrows it)."""
    texts = [a.text for a in args]
    if set(_FINDERS[name].split()) & {t.split("=", 1)[0] for t in texts}:
        return []
    if name == "rg" and "--files" not in texts:
        return []  # rg without --files prints matching lines, not file names
    operands = [a.text for a in args if a.static and not a.text.startswith("-")]
    if name in ("fd", "fdfind"):
        if operands and operands[0] not in (".", "^", ""):
            return []  # fd PATTERN: only names that match it
        operands = operands[1:]
    return operands or ["."]


# Programs that print the names of every file under their roots, and the options that
# narrow what they print to some names (then a key is not among them by default).
_FINDERS = {"find": "-name -iname -path -ipath -regex -iregex -wholename", "rg": "-g --glob -t"}
_FINDERS |= {"fd": "-e --extension -g --glob", "fdfind": "-e --extension -g --glob"}


def _lists_keys(walker: Walker, name: str, args: list[Arg]) -> str | None:
    """``find ~ -type f``, ``fd . ~``, ``rg --files ~``: the listing names every file under a
    folder that holds a credential location; the worst of those names, or None."""
    from clawkeep.guards.command_guard._path_secrets import credential, worst_entry

    roots = _roots(name, args)
    for root in roots:
        where = walker.place(root)
        worst = worst_entry(where, walker.ctx)
        if credential(walker.place(worst), walker.ctx) is not None:
            return worst
    return None


def _secret_place(walker: Walker, arg: Arg) -> bool:
    from clawkeep.guards.command_guard._path_secrets import credential

    if not arg.static or arg.text.startswith("-"):
        return False
    return credential(walker.place(arg.text), walker.ctx) is not None
