"""The typed config: every section a frozen model; `RootConfig` is the whole file."""

from clawkeep.config.schema.root import GuardsConfig, RootConfig

__all__ = ["GuardsConfig", "RootConfig"]
