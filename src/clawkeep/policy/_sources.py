"""Where each policy layer's lists come from in the config, with their key paths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.agents import AgentConfig, AgentToolsConfig
from clawkeep.config.schema.channels import GroupToolsConfig
from clawkeep.config.schema.tools import ElevatedConfig, SandboxToolPolicy, ToolsConfig

if TYPE_CHECKING:
    from clawkeep.policy.resolve import PolicyContext

__all__ = ["LayerSources", "agent_entry", "layer_sources"]


@dataclass(frozen=True, slots=True)
class LayerSources:
    profile: str | None
    profile_key: str
    global_tools: ToolsConfig
    agent_tools: AgentToolsConfig
    agent_key: str
    group_tools: GroupToolsConfig | None
    group_key: str
    sandbox_tools: SandboxToolPolicy
    elevated_ok: bool
    elevated_rule: str


def agent_entry(config: RootConfig, agent_id: str) -> tuple[AgentConfig | None, str]:
    """The `agents.list[]` entry of ``agent_id`` (None for the implicit `main`) and its key."""
    for entry in config.agents.list_:
        if entry.id == agent_id:
            return entry, f"agents.list[{agent_id}]"
    return None, "agents.defaults"


def _agent_tools(config: RootConfig, agent_id: str) -> tuple[AgentToolsConfig, str]:
    entry, key = agent_entry(config, agent_id)
    if entry is not None and entry.tools is not None:
        return entry.tools, f"{key}.tools"
    if config.agents.defaults.tools is not None:
        return config.agents.defaults.tools, "agents.defaults.tools"
    return AgentToolsConfig(), f"{key}.tools"


def _group_tools(config: RootConfig, ctx: PolicyContext) -> tuple[GroupToolsConfig | None, str]:
    if ctx.channel is None or ctx.group is None:
        return None, ""
    channel = config.channels.get(ctx.channel)
    if channel is None:
        return None, ""
    for gid in (ctx.group, "*"):
        group = channel.groups.get(gid)
        if group is not None and group.tools is not None:
            return group.tools, f'channels.{ctx.channel}.groups["{gid}"].tools'
    return None, ""


def _sender_listed(cfg: ElevatedConfig, channel: str | None, sender: str | None) -> bool:
    listed = cfg.allow_from.get(channel or "", ())
    return "*" in listed or (sender is not None and sender in listed)


def _elevated(config: RootConfig, agent: AgentToolsConfig, ctx: PolicyContext) -> tuple[bool, str]:
    glob = config.tools.elevated
    if not glob.enabled:
        return False, "tools.elevated.enabled: false"
    own = agent.elevated
    if own is not None and not own.enabled:
        return False, "agent tools.elevated.enabled: false"
    if not _sender_listed(glob, ctx.channel, ctx.sender):
        return False, f"tools.elevated.allowFrom.{ctx.channel or '?'}: sender not listed"
    if own is not None and own.allow_from and not _sender_listed(own, ctx.channel, ctx.sender):
        return False, f"agent tools.elevated.allowFrom.{ctx.channel or '?'}: sender not listed"
    return True, "tools.elevated"


def layer_sources(config: RootConfig, ctx: PolicyContext) -> LayerSources:
    agent_tools, agent_key = _agent_tools(config, ctx.agent_id)
    profile: str | None
    if agent_tools.profile is not None:
        profile, profile_key = agent_tools.profile, f"{agent_key}.profile"
    else:
        profile, profile_key = config.tools.profile, "tools.profile"
    group_tools, group_key = _group_tools(config, ctx)
    ok, rule = _elevated(config, agent_tools, ctx)
    return LayerSources(
        profile=profile,
        profile_key=profile_key,
        global_tools=config.tools,
        agent_tools=agent_tools,
        agent_key=agent_key,
        group_tools=group_tools,
        group_key=group_key,
        sandbox_tools=config.tools.sandbox.tools,
        elevated_ok=ok,
        elevated_rule=rule,
    )
