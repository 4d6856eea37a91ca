"""The checks every argv gets, whatever its name: its redirects, its arguments, the programs
its options name (``Walker.run`` calls them in that order). Their modules import the
walker, so they are bound on first use, once, rather than imported again for each command.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._cmd import Rule

__all__ = ["argv_checks"]


@cache
def argv_checks() -> tuple[Rule, Rule, Rule]:
    """``judge_redirects``, ``judge_args``, ``named_programs``."""
    from clawkeep.guards.command_guard._fx_programs import named_programs
    from clawkeep.guards.command_guard._io_read import judge_args
    from clawkeep.guards.command_guard._io_write import judge_redirects

    return judge_redirects, judge_args, named_programs
