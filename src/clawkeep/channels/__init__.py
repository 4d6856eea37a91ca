"""Channels: adapters that verify a transport's events (fail closed) and turn them into
InboundMessage values, and send replies back.

Adapters live in their own modules, imported where they are used (so importing the
message types does not load HTTP clients): ``channels.webchat``, ``channels.telegram``,
``channels.webhook``.
"""

from __future__ import annotations

from clawkeep.channels.message import ChatType, InboundMessage, OutboundReply

__all__ = ["ChatType", "InboundMessage", "OutboundReply"]
