"""Channels: adapters that verify a transport's events (fail closed) and turn them into
``clawkeep.contracts.InboundMessage`` values, and send replies back.

Names are imported on first use, so importing one adapter (``channels.webchat``) does not
load the HTTP clients of the others (``channels.telegram``, ``channels.webhook``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clawkeep.channels.messenger import ChannelMessenger
    from clawkeep.channels.webchat import webchat_message
    from clawkeep.channels.wiring import ChannelSeams, channel_seams

__all__ = ["ChannelMessenger", "ChannelSeams", "channel_seams", "webchat_message"]

_WHERE = {
    "ChannelMessenger": "clawkeep.channels.messenger",
    "ChannelSeams": "clawkeep.channels.wiring",
    "channel_seams": "clawkeep.channels.wiring",
    "webchat_message": "clawkeep.channels.webchat",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'clawkeep.channels' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
