"""The agent turn: workspace system prompt, model provider, bounded tool-call loop.

``AgentRuntime`` is the pipeline's ``Responder``; tools reach the model only through the
turn's ``ToolPolicy``.
"""

from __future__ import annotations

from clawkeep.agents.build import build_runtime
from clawkeep.agents.limits import TurnLimits, limits_for, model_for
from clawkeep.agents.loop import LoopOutcome, run_loop
from clawkeep.agents.runtime import AgentRuntime
from clawkeep.agents.untrusted import wrap_untrusted
from clawkeep.agents.workspace import system_prompt

__all__ = [
    "AgentRuntime",
    "LoopOutcome",
    "TurnLimits",
    "build_runtime",
    "limits_for",
    "model_for",
    "run_loop",
    "system_prompt",
    "wrap_untrusted",
]
