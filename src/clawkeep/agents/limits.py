"""The bounds of one agent turn: tool calls, wall time, reply size (safe defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.agents import AgentLimitsConfig, AgentModelConfig
from clawkeep.policy import agent_entry

__all__ = ["TurnLimits", "limits_for", "model_for"]


@dataclass(frozen=True, slots=True)
class TurnLimits:
    max_tool_calls: int = 16
    max_turn_seconds: float = 120.0
    max_output_chars: int = 16_000
    max_tool_result_chars: int = 64_000
    history_turns: int = 40


def limits_for(config: RootConfig, agent_id: str) -> TurnLimits:
    """`agents.list[].limits` over `agents.defaults.limits` over the built-in defaults."""
    entry, _ = agent_entry(config, agent_id)
    base = TurnLimits()
    values: dict[str, int | float] = {}
    for layer in (config.agents.defaults.limits, entry.limits if entry else None):
        if isinstance(layer, AgentLimitsConfig):
            values.update(layer.model_dump(exclude_none=True))
    return TurnLimits(
        max_tool_calls=int(values.get("max_tool_calls", base.max_tool_calls)),
        max_turn_seconds=float(values.get("max_turn_seconds", base.max_turn_seconds)),
        max_output_chars=int(values.get("max_output_chars", base.max_output_chars)),
    )


def model_for(config: RootConfig, agent_id: str) -> str | AgentModelConfig | None:
    """The agent's `model` (its own, else `agents.defaults.model`)."""
    entry, _ = agent_entry(config, agent_id)
    if entry is not None and entry.model is not None:
        return entry.model
    return config.agents.defaults.model
