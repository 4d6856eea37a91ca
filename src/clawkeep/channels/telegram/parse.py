"""A Telegram update becomes an InboundMessage, or a refusal with a reason code.

Updates arrive over TLS from the Bot API in answer to our own authenticated getUpdates
call; what remains to verify is their shape. A malformed update, a message from a bot,
a channel post or a message without text never reaches access control.

Native mentions: ``@username`` entities, ``text_mention`` entities (by user id), a
command addressed ``/cmd@bot``, and a reply to one of the bot's own messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from clawkeep.channels.telegram._wire import TgMessage, TgUpdate
from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny

__all__ = ["TELEGRAM", "BotIdentity", "parse_update"]

TELEGRAM = "telegram"


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who the bot is (from getMe): needed to tell whether a message mentions it."""

    id: int
    username: str


def _utf16_slice(text: str, offset: int, length: int) -> str:
    # Entity offsets count UTF-16 code units, not Python characters.
    raw = text.encode("utf-16-le")
    return raw[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")


def _mentions(msg: TgMessage, text: str) -> tuple[tuple[str, ...], set[int]]:
    names: list[str] = []
    ids: set[int] = set()
    for entity in msg.entities:
        if entity.type == "mention":
            names.append(_utf16_slice(text, entity.offset, entity.length).lstrip("@"))
        elif entity.type == "bot_command":
            cmd = _utf16_slice(text, entity.offset, entity.length)
            if "@" in cmd:
                names.append(cmd.split("@", 1)[1])
        elif entity.type == "text_mention" and entity.user is not None:
            ids.add(entity.user.id)
            names.append(str(entity.user.id))
    return tuple(names), ids


def _mentioned_self(
    msg: TgMessage, names: tuple[str, ...], ids: set[int], bot: BotIdentity
) -> bool:
    replied = msg.reply_to_message
    return (
        bot.username.lower() in (n.lower() for n in names)
        or bot.id in ids
        or (replied is not None and replied.from_ is not None and replied.from_.id == bot.id)
    )


def parse_update(raw: Any, bot: BotIdentity, *, account: str, now: float) -> InboundMessage | Deny:
    """Verify and translate one element of getUpdates' ``result``."""
    try:
        update = TgUpdate.model_validate(raw)
    except ValidationError as exc:  # fail closed: a shape we do not know is not a message
        return Deny("channels.telegram.malformed", f"{exc.error_count()} problem(s) in the update")
    msg = update.message
    if msg is None:
        return Deny("channels.telegram.unsupported_update", "not a new message")
    if msg.chat.type == "channel":
        return Deny("channels.telegram.unsupported_chat", "channel posts are not handled")
    if msg.from_ is None or msg.from_.is_bot:  # bots (ourselves included) are not senders
        return Deny("channels.telegram.from_bot", "message has no human sender")
    if msg.text is None or not msg.text.strip():
        return Deny("channels.telegram.no_text", "message has no text")
    is_group = msg.chat.type != "private"
    names, ids = _mentions(msg, msg.text)
    return InboundMessage(
        channel=TELEGRAM,
        account=account,
        sender=str(msg.from_.id),
        chat_type="group" if is_group else "direct",
        text=msg.text,
        raw_id=str(msg.message_id),
        group=str(msg.chat.id) if is_group else None,
        thread=str(msg.message_thread_id)
        if msg.is_topic_message and msg.message_thread_id
        else None,
        mentions=names,
        mentioned_self=_mentioned_self(msg, names, ids, bot) if is_group else None,
        sender_name=msg.from_.username or msg.from_.first_name or None,
        received_at=now,
    )
