"""Where the state dir and the config file are, for clawkeep and for an OpenClaw install.

clawkeep: `--config`, else CLAWKEEP_CONFIG_PATH, else `<state>/clawkeep.json`; the state
dir is CLAWKEEP_STATE_DIR, else the folder of an explicit config, else ~/.clawkeep.
OpenClaw: OPENCLAW_CONFIG_PATH / OPENCLAW_STATE_DIR, else ~/.openclaw/openclaw.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["Flavor", "InstallPaths", "resolve_paths"]

Flavor = Literal["clawkeep", "openclaw"]

_NAMES: dict[Flavor, tuple[str, str, str, str]] = {
    "clawkeep": ("CLAWKEEP_STATE_DIR", "CLAWKEEP_CONFIG_PATH", ".clawkeep", "clawkeep.json"),
    "openclaw": ("OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", ".openclaw", "openclaw.json"),
}


@dataclass(frozen=True, slots=True)
class InstallPaths:
    """The state dir and config file of one install, and which product's layout it has."""

    flavor: Flavor
    state_dir: Path
    config_path: Path

    @property
    def credentials_dir(self) -> Path:
        return self.state_dir / "credentials"

    @property
    def identity_dir(self) -> Path:
        return self.state_dir / "identity"

    @property
    def logs_dir(self) -> Path:
        return self.state_dir / "logs"

    @property
    def agents_dir(self) -> Path:
        return self.state_dir / "agents"

    @property
    def extensions_dir(self) -> Path:
        return self.state_dir / "extensions"

    def agent_dir(self, agent_id: str) -> Path:
        return self.agents_dir / agent_id / "agent"

    def auth_profiles(self, agent_id: str) -> Path:
        return self.agent_dir(agent_id) / "auth-profiles.json"

    def sessions_dir(self, agent_id: str) -> Path:
        return self.agents_dir / agent_id / "sessions"


def _expand(raw: str, env: Mapping[str, str]) -> Path:
    home = env.get("HOME") or str(Path.home())
    if raw == "~" or raw.startswith("~/"):
        raw = home + raw[1:]
    return Path(raw).absolute()


def resolve_paths(
    env: Mapping[str, str], *, config: Path | None = None, flavor: Flavor = "clawkeep"
) -> InstallPaths:
    """Find the install from flags and environment (no file is read)."""
    state_var, config_var, default_dir, file_name = _NAMES[flavor]
    config_path = _expand(str(config), env) if config is not None else None
    if config_path is None and env.get(config_var):
        config_path = _expand(env[config_var], env)
    if env.get(state_var):
        state_dir = _expand(env[state_var], env)
    elif config_path is not None:
        state_dir = config_path.parent
    else:
        home = env.get("HOME") or str(Path.home())
        state_dir = Path(home).absolute() / default_dir
    return InstallPaths(flavor, state_dir, config_path or state_dir / file_name)
