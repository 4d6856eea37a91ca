"""The provider-neutral conversation: messages, tool specs, tool calls, one assistant turn.

Every adapter turns these into its wire format and back, so the turn loop never sees a
provider's JSON. A provider failure is a ``ProviderError`` with a stable code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

__all__ = ["AssistantTurn", "Message", "Provider", "ProviderError", "ToolCall", "ToolSpec"]

Role = Literal["user", "assistant", "tool"]


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A call the model asked for; ``bad_arguments`` holds arguments that were not JSON."""

    id: str
    name: str
    arguments: Mapping[str, Any] = field(default_factory=dict)
    bad_arguments: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """One message of the conversation (tool results carry ``tool_call_id``)."""

    role: Role
    content: str
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    name: str | None = None  # the tool's name, for tool results


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A tool as offered to the model: name, description, JSON schema of its arguments."""

    name: str
    description: str
    parameters: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class AssistantTurn:
    """What the model answered: text, tool calls, and why it stopped."""

    text: str
    tool_calls: tuple[ToolCall, ...] = ()
    stop_reason: str = "stop"


class ProviderError(Exception):
    """The provider could not answer; ``code`` is stable (provider.bad_key, ...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class Provider(Protocol):
    """A model endpoint: one completion for a system prompt, messages and offered tools."""

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn: ...
