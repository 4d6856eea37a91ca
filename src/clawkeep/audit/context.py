"""What every audit check reads: the loaded config, the install's paths, its exposure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

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

    @property
    def config(self) -> RootConfig:
        return self.loaded.config

    @property
    def paths(self) -> InstallPaths:
        return self.loaded.paths

    @cached_property
    def agents(self) -> tuple[ResolvedAgent, ...]:
        return resolve_agents(self.config, self.paths)

    @property
    def remote(self) -> bool:
        return self.config.gateway.bind != "loopback"

    def rises(self, *, local: str = "warn") -> str:
        """Severity that rises with exposure: ``local`` on loopback, critical beyond it."""
        return "critical" if self.remote else local

    def from_env(self, *path: str | int) -> bool:
        """Did the value at ``path`` come from a ${VAR} reference?"""
        return tuple(path) in self.loaded.env_filled
