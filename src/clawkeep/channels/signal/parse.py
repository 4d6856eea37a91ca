"""A signal-cli receive event becomes an InboundMessage, a refusal, or nothing.

Receipts, typing notices and sync messages (our own messages from linked devices) are
not messages (None). A data message needs a sender and text. Senders are E.164
(``+46…``) when signal-cli knows the number, ``uuid:<uuid>`` otherwise. Groups are
keyed by signal-cli's group id. Signal's own mention entries decide whether the agent
was mentioned when a message carries them; without them, ``mentionPatterns`` decide.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny
from clawkeep.phoneids import e164

__all__ = ["SIGNAL", "parse_event"]

SIGNAL = "signal"


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, populate_by_name=True)


class _Mention(_Wire):
    number: str | None = None
    uuid: str | None = None


class _Group(_Wire):
    group_id: str = Field(alias="groupId", min_length=1, max_length=256)


class _Quote(_Wire):
    author_number: str | None = Field(default=None, alias="authorNumber")
    author: str | None = None


class _Data(_Wire):
    timestamp: int
    message: str | None = Field(default=None, max_length=65_536)
    group_info: _Group | None = Field(default=None, alias="groupInfo")
    mentions: list[_Mention] = []
    quote: _Quote | None = None


class _Envelope(_Wire):
    source_number: str | None = Field(default=None, alias="sourceNumber")
    source_uuid: str | None = Field(default=None, alias="sourceUuid", max_length=64)
    source_name: str | None = Field(default=None, alias="sourceName")
    timestamp: int
    data_message: _Data | None = Field(default=None, alias="dataMessage")


def _payload(event: Any) -> Any:
    # signal-cli sends {"envelope", "account"}; a JSON-RPC notification wraps it in params.
    if isinstance(event, dict) and event.get("method") == "receive":
        return event.get("params")
    return event


def _mentioned_self(data: _Data, me: str | None, sender_is_me: bool) -> bool | None:
    quoted = data.quote
    if (
        me
        and quoted is not None
        and me in (e164(quoted.author_number or ""), e164(quoted.author or ""))
    ):
        return True  # a reply to the agent's own message is addressed to it
    if not data.mentions:
        return None  # no native mention data: the agent's mentionPatterns decide
    if me is None:
        return None
    numbers = {e164(m.number) for m in data.mentions if m.number}
    if me in numbers:
        return True
    # A mention known only by uuid may be us: the native data cannot decide it.
    return None if any(m.number is None for m in data.mentions) and not sender_is_me else False


def parse_event(
    event: Any, *, account: str, me: str | None, now: float
) -> InboundMessage | Deny | None:
    """One event of the stream; ``me`` is the agent's own number (E.164)."""
    payload = _payload(event)
    if not isinstance(payload, dict) or "envelope" not in payload:
        return Deny("channels.signal.malformed", "event has no envelope")
    try:
        env = _Envelope.model_validate(payload["envelope"])
    except ValidationError as exc:  # fail closed: a shape we do not know is not a message
        return Deny("channels.signal.malformed", f"{exc.error_count()} problem(s) in the envelope")
    data = env.data_message
    if data is None:
        return None  # receipt, typing, sync: not a message
    number = e164(env.source_number) if env.source_number else None
    if number is None and not env.source_uuid:
        return Deny("channels.signal.malformed", "message has no sender")
    sender = number or f"uuid:{env.source_uuid}"
    if me is not None and sender == me:
        return None  # our own message, echoed back by a linked device
    if data.message is None or not data.message.strip():
        return Deny("channels.signal.no_text", "message has no text")
    group = data.group_info.group_id if data.group_info is not None else None
    return InboundMessage(
        channel=SIGNAL,
        account=account,
        sender=sender,
        chat_type="group" if group else "direct",
        text=data.message,
        raw_id=f"{env.source_uuid or sender}:{data.timestamp}",
        group=group,
        mentions=tuple(m.number or f"uuid:{m.uuid}" for m in data.mentions),
        mentioned_self=_mentioned_self(data, me, False) if group else None,
        sender_name=env.source_name or None,
        received_at=now,
    )
