"""The Bot API's JSON, as far as clawkeep reads it: Update, Message, User, Chat, entity.

Unknown fields are ignored (Telegram adds fields often); known fields are strict: an id
that is not an integer or a chat type we do not know makes the update malformed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["TgChat", "TgEntity", "TgMessage", "TgUpdate", "TgUser"]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, populate_by_name=True)


class TgUser(_Wire):
    id: int
    is_bot: bool = False
    first_name: str = ""
    username: str | None = None


class TgChat(_Wire):
    id: int
    type: Literal["private", "group", "supergroup", "channel"]


class TgEntity(_Wire):
    type: str
    offset: int = Field(ge=0)
    length: int = Field(ge=0)
    user: TgUser | None = None


class TgReplied(_Wire):
    message_id: int
    from_: TgUser | None = Field(default=None, alias="from")


class TgMessage(_Wire):
    message_id: int
    from_: TgUser | None = Field(default=None, alias="from")
    chat: TgChat
    date: int
    text: str | None = Field(default=None, max_length=8192)
    entities: list[TgEntity] = []  # strict mode: JSON arrays arrive as lists
    message_thread_id: int | None = None
    is_topic_message: bool = False
    reply_to_message: TgReplied | None = None


class TgUpdate(_Wire):
    update_id: int
    message: TgMessage | None = None
