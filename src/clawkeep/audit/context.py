"""What every audit check reads: the loaded config, the install's paths, its exposure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from clawkeep.audit.openclaw import Words, get, openclaw_effective
from clawkeep.config import LoadedConfig
from clawkeep.config.agents import ResolvedAgent, resolve_agents
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.policy import ToolPolicy

__all__ = ["AuditContext"]


@dataclass
class AuditContext:
    """One audit run's inputs. ``remote``: the gateway listens beyond loopback."""

    loaded: LoadedConfig
    env: Mapping[str, str] = field(default_factory=dict)
    policies: dict[str, ToolPolicy] = field(default_factory=dict)  # per agent, for _reach

    @cached_property
    def raw(self) -> Mapping[str, Any]:
        """The config file as parsed (includes and ${VAR} applied), for keys not modelled."""
        if not self.loaded.exists:
            return {}
        from clawkeep.config import read_tree, substitute_env
        from clawkeep.config.errors import ConfigError

        try:
            tree, _ = read_tree(self.paths.config_path)
        except ConfigError:  # the loader read it a moment ago; a race leaves it unknown
            return {}
        substituted, _ = substitute_env(tree, self.env)
        return substituted if isinstance(substituted, dict) else {}

    def raw_at(self, *path: str) -> Any:
        """The raw value at ``path`` (None when unset)."""
        return get(self.raw, *path)

    @cached_property
    def config(self) -> RootConfig:
        """The config the gateway would run with: OpenClaw's defaults for an OpenClaw install."""
        if self.loaded.flavor == "openclaw":
            return openclaw_effective(self.loaded.config, self.raw, self.env)  # type: ignore[no-any-return]
        return self.loaded.config

    @cached_property
    def words(self) -> Words:
        return Words(self.loaded.flavor)

    @property
    def openclaw(self) -> bool:
        return self.loaded.flavor == "openclaw"

    @property
    def paths(self) -> InstallPaths:
        return self.loaded.paths

    @cached_property
    def agents(self) -> tuple[ResolvedAgent, ...]:
        return resolve_agents(self.config, self.paths)

    @property
    def remote(self) -> bool:
        """The gateway is reachable beyond this host (a non-loopback bind or Tailscale)."""
        tailscale = self.raw_at("gateway", "tailscale", "mode")
        return self.config.gateway.bind != "loopback" or tailscale in ("serve", "funnel")

    def rises(self, *, local: str = "warn") -> str:
        """Severity that rises with exposure: ``local`` on loopback, critical beyond it."""
        return "critical" if self.remote else local

    def from_env(self, *path: str | int) -> bool:
        """Did the value at ``path`` come from a ${VAR} reference?"""
        return tuple(path) in self.loaded.env_filled
