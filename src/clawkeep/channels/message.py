"""The typed values that cross the channel boundary: what came in, and what goes out.

An adapter builds an InboundMessage only after it verified the transport event; every
stage after it takes this value and nothing of the raw event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["ChatType", "InboundMessage", "OutboundReply"]

ChatType = Literal["direct", "group"]


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One verified message from a channel."""

    channel: str  # "webchat", "telegram", "webhook", ...
    account: str  # the bot / number on that channel ("default" when there is one)
    sender: str  # the sender's id on the channel, as text
    chat_type: ChatType
    text: str
    raw_id: str  # the transport's own id for the event (for replay checks and replies)
    group: str | None = None  # the group / chat id for group messages
    thread: str | None = None
    mentions: tuple[str, ...] = ()  # native mentions (ids or usernames) the channel reported
    mentioned_self: bool | None = None  # None: the channel has no native mentions
    sender_name: str | None = None
    received_at: float = 0.0
    is_owner: bool = False  # the operator's own channel (web chat with the gateway token)


@dataclass(frozen=True, slots=True)
class OutboundReply:
    """A reply to send back on the channel a message came from."""

    channel: str
    account: str
    to: str  # a sender id for DMs, a group id for groups
    text: str
    thread: str | None = None
    reply_to: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
