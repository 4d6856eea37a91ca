"""Config keys of the file-guard (protected path patterns and levels): `guards` section."""

from __future__ import annotations

from clawkeep.config.schema._base import Model

__all__ = ["FileGuardConfig"]


class FileGuardConfig(Model):
    """Settings of the file-guard (protected path patterns and levels)."""
