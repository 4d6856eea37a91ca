"""A verified Cloud API webhook body becomes InboundMessages, or refusals with reasons.

Only events for the account's own business number (``phoneNumberId``) are read; status
updates are not messages; a message that is not text is refused with its own code.
Senders become E.164 (``+46…``) so ``allowFrom`` in the seed's form works. In groups,
a mention of the business number counts whether it names the phone number or the LID
(``phoneids.WaId`` compares typed ids, never one spelling against another); a
reply to one of the business's own messages counts as a mention too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny
from clawkeep.phoneids import WaId, e164, wa_id

__all__ = ["MAX_AGE_SECONDS", "WHATSAPP", "SelfIds", "parse_webhook"]

WHATSAPP = "whatsapp"
MAX_TEXT = 65_536
# Meta retries a delivery for up to 7 days; the inbox remembers ids a little longer.
# Anything older is refused, so a captured, validly signed body cannot be replayed once
# its id has left the inbox's memory.
MAX_AGE_SECONDS = 7 * 24 * 3600


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, populate_by_name=True)


class _Text(_Wire):
    body: str = Field(max_length=MAX_TEXT)


class _Context(_Wire):
    from_: str | None = Field(default=None, alias="from")
    id: str | None = None
    mentions: list[str] = []


class _Message(_Wire):
    from_: str = Field(alias="from", max_length=64)
    id: str = Field(min_length=1, max_length=256)
    timestamp: str = Field(pattern=r"^[0-9]{1,12}$")
    type: str
    text: _Text | None = None
    group_id: str | None = Field(default=None, min_length=1, max_length=256)
    context: _Context | None = None


class _Profile(_Wire):
    name: str = ""


class _Contact(_Wire):
    wa_id: str | None = None
    profile: _Profile | None = None


class _Metadata(_Wire):
    phone_number_id: str
    display_phone_number: str = ""


class _Value(_Wire):
    messaging_product: str = "whatsapp"
    metadata: _Metadata
    contacts: list[_Contact] = []
    messages: list[_Message] = []


class _Change(_Wire):
    field: str = "messages"
    value: _Value


class _Entry(_Wire):
    id: str = ""
    changes: list[_Change] = []


class _Body(_Wire):
    object: str
    entry: list[_Entry] = Field(default=[], max_length=100)


@dataclass(frozen=True, slots=True)
class SelfIds:
    """The business number's own identities (from ``businessNumber`` / ``businessLid``)."""

    ids: frozenset[WaId]

    @classmethod
    def of(cls, number: str | None, lid: str | None) -> SelfIds:
        found = {wa_id(number) if number else None, wa_id(f"{lid}@lid") if lid else None}
        return cls(frozenset(i for i in found if i is not None))

    def has_kind(self, kind: str) -> bool:
        return any(i.kind == kind for i in self.ids)


def _mentioned_self(msg: _Message, me: SelfIds) -> bool | None:
    """True/False from native data; None when the native data cannot decide (patterns)."""
    if not me.ids:
        return None  # who "self" is is unknown: the agent's mentionPatterns decide
    ctx = msg.context
    if ctx is None:
        return False
    replied = wa_id(ctx.from_) if ctx.from_ else None
    if replied is not None and replied in me.ids:
        return True  # a reply to the business's own message is addressed to it
    undecided = False
    for raw in ctx.mentions:
        ident = wa_id(raw)
        if ident is None:
            continue
        if ident in me.ids:  # typed comparison: a LID is never compared to a number
            return True
        if not me.has_kind(ident.kind):
            undecided = True  # e.g. a LID mention while only our number is configured
    return None if undecided else False


def _one(
    msg: _Message, names: dict[str, str], me: SelfIds, account: str, now: float
) -> InboundMessage | Deny:
    if now - int(msg.timestamp) > MAX_AGE_SECONDS:
        return Deny("channels.whatsapp.stale", "message older than the replay window")
    sender = e164(msg.from_)
    if sender is None:
        return Deny("channels.whatsapp.malformed", "sender is not a phone number")
    if msg.type != "text" or msg.text is None or not msg.text.body.strip():
        return Deny("channels.whatsapp.unsupported_type", f"message type {msg.type[:32]!r}")
    is_group = msg.group_id is not None
    mentions = tuple(msg.context.mentions) if msg.context is not None else ()
    return InboundMessage(
        channel=WHATSAPP,
        account=account,
        sender=sender,
        chat_type="group" if is_group else "direct",
        text=msg.text.body,
        raw_id=msg.id,
        group=msg.group_id,
        mentions=mentions,
        mentioned_self=_mentioned_self(msg, me) if is_group else None,
        sender_name=names.get(sender) or None,
        received_at=now,
    )


def parse_webhook(
    body: bytes, *, account: str, phone_number_id: str | None, me: SelfIds, now: float
) -> list[InboundMessage | Deny]:
    """Every message in a verified event body, in order; a bad body is one refusal."""
    try:
        raw: Any = json.loads(body)
        parsed = _Body.model_validate(raw)
    except (ValueError, RecursionError):
        return [Deny("channels.whatsapp.malformed", "body is not JSON")]
    except ValidationError as exc:  # fail closed: a shape we do not know is not a message
        return [Deny("channels.whatsapp.malformed", f"{exc.error_count()} problem(s) in the body")]
    if parsed.object != "whatsapp_business_account":
        return [Deny("channels.whatsapp.unsupported_object", "not a WhatsApp business event")]
    out: list[InboundMessage | Deny] = []
    for entry in parsed.entry:
        for change in entry.changes:
            value = change.value
            if change.field != "messages":
                continue
            if phone_number_id is None or value.metadata.phone_number_id != phone_number_id:
                # An event for another number of the same app is not this account's.
                out.append(Deny("channels.whatsapp.other_number", "event for another phone number"))
                continue
            names = {
                n: c.profile.name
                for c in value.contacts
                if c.wa_id and c.profile and (n := e164(c.wa_id))
            }
            out.extend(_one(m, names, me, account, now) for m in value.messages)
    return out
