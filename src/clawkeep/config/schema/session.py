"""Config keys of `session`: how conversations are split into sessions."""

from __future__ import annotations

from typing import Literal

from clawkeep.config.schema._base import Model

__all__ = ["DmScope", "SessionConfig"]

DmScope = Literal["main", "per-peer", "per-channel-peer", "per-account-channel-peer"]


class SessionConfig(Model):
    """dmScope main shares one session among every DM sender (audited when senders are many)."""

    dm_scope: DmScope = "main"
    identity_links: dict[str, tuple[str, ...]] = {}
