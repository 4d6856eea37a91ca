"""Config keys of the channel-guard and content-guard: the `guards` section."""

from __future__ import annotations

from clawkeep.config.schema._base import Model

__all__ = ["ChannelGuardConfig", "ContentGuardConfig"]


class ChannelGuardConfig(Model):
    """Settings of the channel-guard and content-guard (prompt-injection classifier)."""


class ContentGuardConfig(Model):
    """Settings of the content-guard (sessions_send payloads and tool results)."""
