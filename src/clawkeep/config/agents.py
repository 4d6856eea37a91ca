"""The agents an install has, with `agents.defaults` merged into each entry.

With no `agents.list`, one agent `main` exists (OpenClaw's behaviour). The default
agent is the one marked `default: true`, else the first. Workspaces default to
`<state>/workspace` for the default agent and `<state>/workspace-<id>` for the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.agents import (
    AgentConfig,
    AgentToolsConfig,
    GroupChatConfig,
    SubagentsConfig,
)
from clawkeep.config.schema.sandbox import SandboxConfig

__all__ = ["ResolvedAgent", "default_agent", "find_agent", "merge_sandbox", "resolve_agents"]


@dataclass(frozen=True, slots=True)
class ResolvedAgent:
    """One agent's effective settings (defaults merged; no None where a default exists)."""

    id: str
    is_default: bool
    name: str | None
    workspace: Path
    tools: AgentToolsConfig
    sandbox: SandboxConfig
    subagents: SubagentsConfig
    group_chat: GroupChatConfig


def merge_sandbox(base: SandboxConfig | None, own: SandboxConfig | None) -> SandboxConfig:
    """An agent's sandbox keys over `agents.defaults.sandbox` (an unset key inherits).

    ``limits`` merge key by key; ``docker`` and ``egress`` replace as a whole, so an
    agent's narrower egress list is never widened by the defaults' list.
    """
    if base is None:
        return own or SandboxConfig()
    if own is None:
        return base
    merged: dict[str, Any] = base.model_dump(exclude_none=True)
    for key, value in own.model_dump(exclude_none=True).items():
        inherited = merged.get(key)
        if key == "limits" and isinstance(inherited, dict) and isinstance(value, dict):
            merged[key] = {**inherited, **value}
        else:
            merged[key] = value
    return SandboxConfig.model_validate(merged)


def _workspace(raw: str | None, agent_id: str, is_default: bool, paths: InstallPaths) -> Path:
    if raw:
        return Path(raw).expanduser().absolute()
    name = "workspace" if is_default else f"workspace-{agent_id}"
    return paths.state_dir / name


def resolve_agents(config: RootConfig, paths: InstallPaths) -> tuple[ResolvedAgent, ...]:
    """Every agent with its effective settings; the first one is the default agent."""
    entries = config.agents.list_ or (AgentConfig(id="main", default=True),)
    default_id = next((a.id for a in entries if a.default), entries[0].id)
    d = config.agents.defaults
    out = []
    for entry in entries:
        is_default = entry.id == default_id
        out.append(
            ResolvedAgent(
                id=entry.id,
                is_default=is_default,
                name=entry.name,
                workspace=_workspace(entry.workspace or d.workspace, entry.id, is_default, paths),
                tools=entry.tools or d.tools or AgentToolsConfig(),
                sandbox=merge_sandbox(d.sandbox, entry.sandbox),
                subagents=entry.subagents or d.subagents or SubagentsConfig(),
                group_chat=entry.group_chat or d.group_chat or GroupChatConfig(),
            )
        )
    out.sort(key=lambda a: not a.is_default)
    return tuple(out)


def default_agent(config: RootConfig, paths: InstallPaths) -> ResolvedAgent:
    """The agent that gets messages no binding routes elsewhere."""
    return resolve_agents(config, paths)[0]


def find_agent(config: RootConfig, paths: InstallPaths, agent_id: str) -> ResolvedAgent | None:
    """The agent called ``agent_id``, or None."""
    return next((a for a in resolve_agents(config, paths) if a.id == agent_id), None)
