"""Config keys of `tools`: the global tool policy, elevated host exec, exec and fs limits."""

from __future__ import annotations

from typing import Literal

from clawkeep.config.schema._base import Model
from clawkeep.config.schema._types import IdList

__all__ = [
    "AgentToAgentConfig",
    "ElevatedConfig",
    "ExecConfig",
    "FsToolsConfig",
    "SandboxToolPolicy",
    "SandboxToolsConfig",
    "ToolProfile",
    "ToolsConfig",
    "WebSearchConfig",
    "WebToolsConfig",
]

ToolProfile = Literal["minimal", "messaging", "coding", "full"]


class ElevatedConfig(Model):
    """Host exec outside the sandbox: off unless enabled, and only for listed senders."""

    enabled: bool = False
    allow_from: dict[str, IdList] = {}


class ExecConfig(Model):
    """exec: where commands run and how much is allowed (OpenClaw's meanings)."""

    host: Literal["sandbox", "gateway", "node"] | None = None
    security: Literal["deny", "allowlist", "full"] | None = None
    ask: Literal["off", "on-miss", "always"] | None = None
    safe_bins: tuple[str, ...] = ()


class FsToolsConfig(Model):
    """File tools stay inside the agent's workspace unless this is turned off."""

    workspace_only: bool = True


class AgentToAgentConfig(Model):
    """sessions_send between agents: off by default; `allow` names reachable agents."""

    enabled: bool = False
    allow: tuple[str, ...] = ()


class SandboxToolPolicy(Model):
    """`tools.sandbox.tools`: what a sandboxed agent may use (None: the built-in default)."""

    allow: tuple[str, ...] | None = None
    deny: tuple[str, ...] | None = None


class SandboxToolsConfig(Model):
    """`tools.sandbox`: the tool layer that applies only to sandboxed turns."""

    tools: SandboxToolPolicy = SandboxToolPolicy()


class WebSearchConfig(Model):
    """`tools.web.search`: web_search needs a backend; none is configured by default."""

    enabled: bool = False
    provider: str | None = None


class WebToolsConfig(Model):
    """`tools.web`: settings of web_search (web_fetch is governed by the network-guard)."""

    search: WebSearchConfig = WebSearchConfig()


class ToolsConfig(Model):
    """The global tool layer: profile, then allow / alsoAllow / deny (deny wins)."""

    profile: ToolProfile | None = None
    allow: tuple[str, ...] | None = None
    also_allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    elevated: ElevatedConfig = ElevatedConfig()
    exec: ExecConfig = ExecConfig()
    fs: FsToolsConfig = FsToolsConfig()
    agent_to_agent: AgentToAgentConfig = AgentToAgentConfig()
    sandbox: SandboxToolsConfig = SandboxToolsConfig()
    web: WebToolsConfig = WebToolsConfig()
