"""What a subshell, a nested shell or a pipeline stage changes stays in it: the walker's
directory and variables are put back when it ends (``Walker.child_shell``).

A class rather than a generator-based context manager: the walk enters one for every
pipeline stage, subshell and substitution, and this costs a fraction of the generator's
set-up on each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._word_types import UNKNOWN

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["ChildShell"]


class ChildShell:
    """Saves the directory and variables on entry and restores them on exit; with
    ``merge``, what the text changed is kept as unknown: it may or may not happen."""

    __slots__ = ("_computed", "_cwd", "_merge", "_values", "_w", "_workspace")

    def __init__(self, w: Walker, merge: bool) -> None:
        self._w = w
        self._merge = merge

    def __enter__(self) -> None:
        w = self._w
        self._cwd, self._workspace, self._values = w.cwd, w.env.workspace, dict(w.env.values)
        self._computed = set(w.env.computed)

    def __exit__(self, *exc: object) -> None:
        w, merge, values, computed = self._w, self._merge, self._values, self._computed
        cwd, workspace = self._cwd, self._workspace
        if merge:
            computed |= w.env.computed
        w.env.computed = computed
        changed_cwd = w.cwd != cwd
        now = w.env.values if merge else {}  # only a merge keeps what changed
        changed = {k for k, v in now.items() if values.get(k, v) != v} | (now.keys() - values)
        w.cwd, w.env.workspace, w.env.values = cwd, workspace, values
        if merge and changed_cwd:
            w.cwd = w.env.workspace = UNKNOWN
        if merge:
            for name in changed:
                w.env.values[name] = None  # set or not, only known at run time
