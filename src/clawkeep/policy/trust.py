"""What the config says about untrusted data for one agent: its `tools.untrusted` and
the entries that ground a destination (trustedDestinations, reachable agents, the
channels' allow lists of known contacts)."""

from __future__ import annotations

from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.tools import UntrustedConfig

__all__ = ["trusted_entries", "untrusted_config"]


def untrusted_config(config: RootConfig, agent_id: str) -> UntrustedConfig:
    """The agent's own `tools.untrusted`, else the global one."""
    for entry in config.agents.list_:
        if entry.id == agent_id and entry.tools is not None and entry.tools.untrusted:
            return entry.tools.untrusted
    defaults = config.agents.defaults.tools
    if defaults is not None and defaults.untrusted is not None:
        return defaults.untrusted
    return config.tools.untrusted


def trusted_entries(config: RootConfig, agent_id: str) -> tuple[str, ...]:
    """Config entries that ground a destination: trustedDestinations, reachable agents,
    the channels' allow lists (known contacts)."""
    out = list(untrusted_config(config, agent_id).trusted_destinations)
    for entry in config.agents.list_:
        if entry.id == agent_id and entry.subagents is not None:
            out.extend(entry.subagents.allow_agents)
    if config.tools.agent_to_agent.enabled:
        out.extend(config.tools.agent_to_agent.allow)
    for channel in config.channels.values():
        out.extend(e for e in channel.allow_from if e != "*")
        out.extend(e for e in channel.owner_allow_from if e != "*")
    return tuple(out)
