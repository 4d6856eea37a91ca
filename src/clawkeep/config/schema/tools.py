"""Config keys of `tools`: the global tool policy, elevated host exec, exec and fs limits."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from clawkeep.config.schema._base import Model
from clawkeep.config.schema._types import IdList
from clawkeep.risk import Effect

__all__ = [
    "AgentToAgentConfig",
    "ElevatedConfig",
    "ExecConfig",
    "FsToolsConfig",
    "SandboxToolPolicy",
    "SandboxToolsConfig",
    "ToolProfile",
    "ToolsConfig",
    "UntrustedConfig",
    "UntrustedMode",
    "UntrustedToolEffects",
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


UntrustedMode = Literal["ask", "deny", "off"]


class UntrustedToolEffects(Model):
    """`tools.untrusted.tools.<name>`: a tool's effects, overriding its code or annotations.

    ``selectors``: the arguments that choose where/what (unset: every argument whose name
    does not say it carries content); ``content``: arguments that only carry content.
    """

    effects: tuple[Effect, ...] = Field(min_length=1)
    selectors: tuple[str, ...] | None = None
    content: tuple[str, ...] | None = None


class UntrustedConfig(Model):
    """`tools.untrusted`: the rule for side effects once untrusted content is in context.

    ``mode`` unset: ``ask`` in the owner's sessions, ``deny`` in everyone else's.
    ``trustedDestinations``: recipients, hosts, accounts, paths that are always grounded.
    ``modelCheck``: before a side effect the rule allowed in an untrusted context, ask a
    fresh model (the agent's provider, with only the owner's words and the call) whether
    the owner asked for it; anything but YES holds the call. Off by default.
    """

    mode: UntrustedMode | None = None
    trusted_destinations: tuple[str, ...] = ()
    tools: dict[str, UntrustedToolEffects] = {}
    approval_timeout_seconds: int = Field(default=900, ge=30, le=86_400)
    model_check: bool = False


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
    untrusted: UntrustedConfig = UntrustedConfig()
