"""The contracts between stages of the inbound pipeline.

The gateway and channel adapters hand an InboundMessage to an InboundHandler and get an
Outcome back. The pipeline hands an admitted message to a Responder (the agent turn).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from clawkeep.channels.message import InboundMessage
from clawkeep.commands.parse import ChatCommand

__all__ = ["CommandRunner", "InboundHandler", "Outcome", "Responder", "TurnRequest"]

OutcomeKind = Literal["dropped", "pairing", "command", "blocked", "admitted"]


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
