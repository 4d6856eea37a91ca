"""The Telegram channel (Bot API long polling)."""

from __future__ import annotations

from clawkeep.channels.telegram.client import DEFAULT_API_BASE, TelegramClient, TelegramError
from clawkeep.channels.telegram.parse import TELEGRAM, BotIdentity, parse_update
from clawkeep.channels.telegram.poller import (
    TelegramPoller,
    poller_from_config,
    pollers_from_config,
)

__all__ = [
    "DEFAULT_API_BASE",
    "TELEGRAM",
    "BotIdentity",
    "TelegramClient",
    "TelegramError",
    "TelegramPoller",
    "parse_update",
    "poller_from_config",
    "pollers_from_config",
]
