"""Words whose value their spelling fixes, resolved once per spelling.

A word without ``$``, a backtick, ``~`` or ``<(``/``>(`` holds no variable, no
substitution, no arithmetic and no tilde: ``resolve`` reads nothing of the line's state
for it (variables, home, directory), only its node, which the grammar builds from its
spelling. Its ``Arg`` (text, tricks, quoting, glob; no substitution nodes) is the same
every time that spelling is resolved as a node of that kind, so it is kept by (kind,
spelling): ``"running tests"``, ``'[%s] %s\\n'``, ``migrations/*.sql``, a command name.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["FIXED", "remember"]

# (node kind, spelling) -> the word's Arg. Bounded: emptied when full, like a cache restart
# (about 10 000 distinct words make up the guard's whole test corpus; a few MB at most).
FIXED: dict[tuple[str, bytes], Arg] = {}
_MAX_ENTRIES = 16384
_MAX_SPELLING = 256  # longer words are rare and are resolved each time: the cache stays small
# What makes a word's value depend on more than its spelling: expansions and substitutions
# (`$…`, backticks, `<(…)`, `>(…)`) and tilde expansion (`~`, `~user`).
_READS_STATE = re.compile(rb"[$`~]|[<>]\(")


def remember(kind: str, spelled: bytes, arg: Arg) -> None:
    """Keep ``arg`` for later words of this kind and spelling when nothing else decides it."""
    if len(spelled) > _MAX_SPELLING or _READS_STATE.search(spelled) is not None:
        return
    if len(FIXED) >= _MAX_ENTRIES:
        FIXED.clear()
    FIXED[(kind, spelled)] = arg
