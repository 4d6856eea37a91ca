"""Config keys of the network-guard (SSRF policy and domain allowlist): `guards` section."""

from __future__ import annotations

from clawkeep.config.schema._base import Model

__all__ = ["NetworkGuardConfig"]


class NetworkGuardConfig(Model):
    """Settings of the network-guard (SSRF policy and domain allowlist)."""
