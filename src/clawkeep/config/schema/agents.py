"""Config keys of `agents`: defaults and the list of agents with their tools and sandbox."""

from __future__ import annotations

from pydantic import Field, model_validator

from clawkeep.config.schema._base import Model
from clawkeep.config.schema._regex import SafeRegex
from clawkeep.config.schema.sandbox import SandboxConfig
from clawkeep.config.schema.tools import ElevatedConfig, ToolProfile, UntrustedConfig

__all__ = [
    "AgentConfig",
    "AgentDefaults",
    "AgentLimitsConfig",
    "AgentModelConfig",
    "AgentToolsConfig",
    "AgentsConfig",
    "GroupChatConfig",
    "SubagentsConfig",
]

AGENT_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class AgentToolsConfig(Model):
    """The agent's own tool layer, applied after the global `tools` layer."""

    profile: ToolProfile | None = None
    allow: tuple[str, ...] | None = None
    also_allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    elevated: ElevatedConfig | None = None
    untrusted: UntrustedConfig | None = None  # replaces `tools.untrusted` for this agent


class SubagentsConfig(Model):
    """Which agents this one may reach with sessions_send (none unless listed)."""

    allow_agents: tuple[str, ...] = ()


class AgentModelConfig(Model):
    """`model` as an object: the primary "provider/model" and the ones tried after it."""

    primary: str = Field(min_length=3)
    fallbacks: tuple[str, ...] = ()


class AgentLimitsConfig(Model):
    """Bounds of one agent turn (None: the safe default of `clawkeep.agents.limits`)."""

    max_tool_calls: int | None = Field(default=None, ge=0, le=1000)
    max_turn_seconds: float | None = Field(default=None, gt=0, le=3600)
    max_output_chars: int | None = Field(default=None, ge=1, le=1_000_000)


class GroupChatConfig(Model):
    """How the agent recognises that a group message is addressed to it."""

    mention_patterns: tuple[SafeRegex, ...] = ()


class AgentDefaults(Model):
    """`agents.defaults`: settings every agent inherits unless it sets its own."""

    workspace: str | None = None
    model: str | AgentModelConfig | None = None  # "provider/model" or {primary, fallbacks}
    limits: AgentLimitsConfig | None = None
    tools: AgentToolsConfig | None = None
    sandbox: SandboxConfig | None = None
    subagents: SubagentsConfig | None = None
    group_chat: GroupChatConfig | None = None


class AgentConfig(AgentDefaults):
    """One entry of `agents.list`."""

    id: str = Field(pattern=AGENT_ID_PATTERN)
    default: bool = False
    name: str | None = None
    skills: tuple[str, ...] | None = None  # the skills this agent sees (None: every allowed one)


class AgentsConfig(Model):
    """`agents`: the defaults and the list. With no list, one agent `main` exists."""

    defaults: AgentDefaults = AgentDefaults()
    list_: tuple[AgentConfig, ...] = Field(default=(), alias="list")

    @model_validator(mode="after")
    def _ids_unique_one_default(self) -> AgentsConfig:
        seen: set[str] = set()
        for agent in self.list_:
            if agent.id in seen:
                raise ValueError(f"agent id {agent.id!r} appears twice in agents.list")
            seen.add(agent.id)
        defaults = [a.id for a in self.list_ if a.default]
        if len(defaults) > 1:
            raise ValueError(f"more than one agent has default: true ({', '.join(defaults)})")
        return self
