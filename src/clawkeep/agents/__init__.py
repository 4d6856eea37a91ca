"""The agent turn: workspace system prompt, model provider, bounded tool-call loop.

``AgentRuntime`` is the pipeline's ``Responder``; tools reach the model only through the
turn's ``ToolPolicy``. Names are imported on first use, so a reader of one small part
(the audit asking where a provider key comes from) does not load the classifier.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "AgentRuntime": "clawkeep.agents.runtime",
    "LoopOutcome": "clawkeep.agents.loop",
    "TurnLimits": "clawkeep.agents.limits",
    "build_runtime": "clawkeep.agents.build",
    "limits_for": "clawkeep.agents.limits",
    "model_for": "clawkeep.agents.limits",
    "run_loop": "clawkeep.agents.loop",
    "system_prompt": "clawkeep.agents.workspace",
    "wrap_untrusted": "clawkeep.agents.untrusted",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'clawkeep.agents' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
