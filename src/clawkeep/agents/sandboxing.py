"""Whether a turn of an agent runs sandboxed: the one home of that decision, asked by the
runtime for every turn and by ``policy explain`` for its report."""

from __future__ import annotations

from clawkeep.config.agents import ResolvedAgent

__all__ = ["turn_sandboxed"]


def turn_sandboxed(agent: ResolvedAgent, *, session_is_main: bool) -> bool:
    """Whether a turn of ``agent`` is sandboxed (the policy's sandbox layer applies)."""
    mode = agent.sandbox.mode or "all"  # a missing setting: sandbox everything
    if mode == "off":
        return False
    return mode == "all" or not session_is_main
