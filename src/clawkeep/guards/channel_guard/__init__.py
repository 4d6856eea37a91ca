"""channel-guard: the prompt-injection verdict on every inbound message, before routing."""

from __future__ import annotations

from clawkeep.guards.channel_guard.guard import ChannelGuard
from clawkeep.guards.injection import TextVerdict, model_status

__all__ = ["ChannelGuard", "TextVerdict", "model_status"]
