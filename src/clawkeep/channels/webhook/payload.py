"""The webhook body: a strict JSON object that becomes an InboundMessage.

``{"id": str, "from": str, "text": str, "chatType"?: "direct"|"group", "group"?: str,
"thread"?: str, "mentionedSelf"?: bool, "mentions"?: [str], "senderName"?: str}``.
Unknown keys are refused: a bridge cannot smuggle ``isOwner`` or anything else in.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic.alias_generators import to_camel

from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny

__all__ = ["WEBHOOK", "WebhookPayload", "parse_payload"]

WEBHOOK = "webhook"


class WebhookPayload(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, alias_generator=to_camel, populate_by_name=True
    )

    id: str = Field(min_length=1, max_length=256)
    from_: str = Field(alias="from", min_length=1, max_length=256)
    text: str = Field(min_length=1, max_length=32_000)
    chat_type: Literal["direct", "group"] = "direct"
    group: str | None = Field(default=None, min_length=1, max_length=256)
    thread: str | None = Field(default=None, min_length=1, max_length=256)
    mentioned_self: bool | None = None
    mentions: list[str] = Field(default_factory=list, max_length=64)
    sender_name: str | None = Field(default=None, max_length=256)

    @model_validator(mode="after")
    def _group_has_id(self) -> WebhookPayload:
        if (self.chat_type == "group") != (self.group is not None):
            raise ValueError("chatType group needs a group id, and only groups have one")
        return self


def parse_payload(body: bytes, *, account: str, now: float) -> InboundMessage | Deny:
    """A verified body as a message, or ``channels.webhook.malformed``."""
    try:
        p = WebhookPayload.model_validate_json(body)
    except ValidationError as exc:
        return Deny("channels.webhook.malformed", f"{exc.error_count()} problem(s) in the body")
    return InboundMessage(
        channel=WEBHOOK,
        account=account,
        sender=p.from_,
        chat_type=p.chat_type,
        text=p.text,
        raw_id=p.id,
        group=p.group,
        thread=p.thread,
        mentions=tuple(p.mentions),
        mentioned_self=p.mentioned_self,
        sender_name=p.sender_name,
        received_at=now,
    )
