"""The checks every argv gets, whatever its name: its redirects, its arguments, the programs
its options name (``Walker.run`` calls them in that order). Their modules import the
walker, so they are bound on first use, once, rather than imported again for each command.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._cmd import Rule
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["argv_checks", "pipeline_checks"]


@cache
def argv_checks() -> tuple[Rule, Rule, Rule]:
    """``judge_redirects``, ``judge_args``, ``named_programs``."""
    from clawkeep.guards.command_guard._fx_programs import named_programs
    from clawkeep.guards.command_guard._io_read import judge_args
    from clawkeep.guards.command_guard._io_write import judge_redirects

    return judge_redirects, judge_args, named_programs


@cache
def pipeline_checks() -> tuple[
    Callable[[list[str], Walker], None], Callable[[list[str], Walker], None]
]:
    """``pipeline_rules`` (stage names) and ``kill_listed`` (stage texts), bound once."""
    from clawkeep.guards.command_guard._defenses import kill_listed
    from clawkeep.guards.command_guard._net_raw import pipeline_rules

    return pipeline_rules, kill_listed
