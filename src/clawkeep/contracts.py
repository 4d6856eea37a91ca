"""The values that cross stages, and the protocols one stage uses to call the next.

This module is the leaf of the package: it imports nothing from clawkeep, and every stage
imports it. An adapter builds an InboundMessage only after it verified the transport
event; every stage after it takes this value and nothing of the raw event. The pipeline
answers each message with an Outcome and hands an admitted one, routed, to a Responder
(the agent turn) as a TurnRequest. Every decision a stage returns satisfies ``Verdict``:
``allowed``, a stable ``reason`` code, and a ``detail`` sentence for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

__all__ = [
    "ChatCommand",
    "ChatType",
    "CommandName",
    "CommandRunner",
    "InboundHandler",
    "InboundMessage",
    "OutboundReply",
    "Outcome",
    "OutcomeKind",
    "Responder",
    "Severity",
    "TurnRequest",
    "Verdict",
]

ChatType = Literal["direct", "group"]
CommandName = Literal[
    "bash", "config", "debug", "restart", "status", "help", "approve", "deny", "approvals"
]
OutcomeKind = Literal["dropped", "pairing", "command", "blocked", "admitted"]
Severity = Literal["info", "warn", "critical"]
"""How bad an audit or scanner finding is."""


class Verdict(Protocol):
    """What every stage's decision answers: allowed or not, a stable code, a sentence."""

    @property
    def allowed(self) -> bool: ...

    @property
    def reason(self) -> str: ...

    @property
    def detail(self) -> str: ...


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
    # The operator's own choices (client API model and session, Control UI agent picker);
    # routing honours them only on an owner message of the web chat, and drops otherwise.
    agent: str | None = None
    session: str | None = None


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


@dataclass(frozen=True, slots=True)
class ChatCommand:
    """A recognised chat command; ``args`` is the rest of the line, untouched."""

    name: CommandName
    args: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one inbound message; ``reason`` is a stable code."""

    kind: OutcomeKind
    reason: str
    reply: str | None = None  # text sent back to the sender, if any
    agent_id: str | None = None
    session_key: str | None = None
    detail: str = ""
    annotations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TurnRequest:
    """An admitted message, routed: which agent, which session, and what the guards noted."""

    message: InboundMessage
    agent_id: str
    session_key: str
    flagged: bool = False  # the channel guard flagged it: annotate, strip high-risk tools
    annotations: tuple[str, ...] = ()
    denied_tools: frozenset[str] = field(default_factory=frozenset)  # per-turn extra denies


class InboundHandler(Protocol):
    """Anything that takes a verified message and decides what happens to it."""

    async def handle(self, message: InboundMessage) -> Outcome: ...


class Responder(Protocol):
    """The agent turn: produce the reply text for an admitted, routed message."""

    async def respond(self, request: TurnRequest) -> str | None: ...


class CommandRunner(Protocol):
    """Runs a chat command the commands stage accepted; returns the reply text."""

    async def run(self, command: ChatCommand, message: InboundMessage) -> str | None: ...
