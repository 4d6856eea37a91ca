"""Config keys of the command-guard (shell command judgement): `guards` section."""

from __future__ import annotations

from clawkeep.config.schema._base import Model

__all__ = ["CommandGuardConfig"]


class CommandGuardConfig(Model):
    """Settings of the command-guard (shell command judgement)."""
