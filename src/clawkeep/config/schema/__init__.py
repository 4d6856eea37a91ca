"""The typed config: every section a frozen model; `RootConfig` is the whole file.

`RootConfig` is built on first use: a module that needs one section imports only that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clawkeep.config.schema.root import GuardsConfig, RootConfig

__all__ = ["GuardsConfig", "RootConfig"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from clawkeep.config.schema import root

        return getattr(root, name)
    raise AttributeError(f"module 'clawkeep.config.schema' has no attribute {name!r}")
