"""The config stage: find the install, load and validate its config, describe its agents."""

from clawkeep.config.errors import ConfigError, ConfigIssue
from clawkeep.config.loader import LoadedConfig, load_config
from clawkeep.config.paths import InstallPaths, resolve_paths
from clawkeep.config.schema import RootConfig

__all__ = [
    "ConfigError",
    "ConfigIssue",
    "InstallPaths",
    "LoadedConfig",
    "RootConfig",
    "load_config",
    "resolve_paths",
]
