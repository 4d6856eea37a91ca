"""Late binding to guards built by other stages: a guard that is not there yet is None,
and the tool that needs it refuses (fail closed); there is no unguarded fallback.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from clawkeep.decision import Allow, Deny
from clawkeep.tools.base import ToolContext

__all__ = ["CommandJudge", "command_judge"]

CommandJudge = Callable[[str], Allow | Deny]


def _as_decision(value: Any) -> Allow | Deny:
    if isinstance(value, Allow | Deny):
        return value
    if getattr(value, "allowed", False) is True:
        return Allow(str(getattr(value, "reason", "allowed")))
    # Anything that is not a clear yes is a no.
    reason = str(getattr(value, "reason", "") or "command_guard.refused")
    return Deny(reason, str(getattr(value, "detail", "")))


def command_judge(ctx: ToolContext, *, egress: bool) -> CommandJudge | None:
    """The command-guard bound to this agent's workspace, or None while it is missing."""
    try:
        module = importlib.import_module("clawkeep.guards.command_guard")
    except ImportError:
        return None
    judge = getattr(module, "judge", None)
    context_type = getattr(module, "CommandContext", None)
    if judge is None or context_type is None:
        return None
    cfg = ctx.config.guards.command
    guard_ctx = context_type(
        egress=egress,
        workspace=ctx.agent.workspace,
        home=ctx.services.home,
        state_dir=ctx.paths.state_dir,
        deny_commands=frozenset(getattr(cfg, "deny_commands", ()) or ()),
        allow_commands=frozenset(getattr(cfg, "allow_commands", ()) or ()),
    )

    def decide(command: str) -> Allow | Deny:
        return _as_decision(judge(command, guard_ctx))

    return decide
