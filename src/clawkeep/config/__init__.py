"""The config stage: find the install, load and validate its config, describe its agents.

Names are imported on first use, so a module that needs one config section (a guard's
settings) does not pay for building the whole schema and the loader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clawkeep.config._envsubst import substitute_env
    from clawkeep.config._include import read_tree
    from clawkeep.config._locate import KeyPath, locate_all
    from clawkeep.config.errors import ConfigError, ConfigIssue
    from clawkeep.config.loader import LoadedConfig, load_config
    from clawkeep.config.paths import InstallPaths, resolve_paths
    from clawkeep.config.schema import RootConfig
    from clawkeep.config.schema._regex import regex_problem

__all__ = [
    "ConfigError",
    "ConfigIssue",
    "InstallPaths",
    "KeyPath",
    "LoadedConfig",
    "RootConfig",
    "load_config",
    "locate_all",
    "read_tree",
    "regex_problem",
    "resolve_paths",
    "substitute_env",
]

_WHERE = {
    "ConfigError": "clawkeep.config.errors",
    "ConfigIssue": "clawkeep.config.errors",
    "LoadedConfig": "clawkeep.config.loader",
    "load_config": "clawkeep.config.loader",
    "InstallPaths": "clawkeep.config.paths",
    "resolve_paths": "clawkeep.config.paths",
    "RootConfig": "clawkeep.config.schema.root",
    "KeyPath": "clawkeep.config._locate",
    "locate_all": "clawkeep.config._locate",
    "regex_problem": "clawkeep.config.schema._regex",
    "read_tree": "clawkeep.config._include",
    "substitute_env": "clawkeep.config._envsubst",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'clawkeep.config' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
