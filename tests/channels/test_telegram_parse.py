"""Telegram updates into messages: native mentions, topics, and what is never a message."""

from __future__ import annotations

from typing import Any

from clawkeep.channels.telegram import BotIdentity, parse_update
from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny
from tests.channels.tg_fake import tg_message

BOT = BotIdentity(999, "keep_bot")
GROUP = {"id": -100, "type": "supergroup", "title": "g"}


def parse(update: dict[str, Any]) -> InboundMessage:
    msg = parse_update(update, BOT, account="default", now=1.0)
    assert isinstance(msg, InboundMessage), msg
    return msg


def test_direct_message_fields() -> None:
    msg = parse(tg_message(1, 555, "hi"))
    assert (msg.sender, msg.chat_type, msg.group, msg.mentioned_self) == (
        "555",
        "direct",
        None,
        None,
    )
    assert msg.raw_id == "10" and msg.sender_name == "u555" and not msg.is_owner


def test_text_mention_by_user_id_counts() -> None:
    ent = [{"type": "text_mention", "offset": 0, "length": 4, "user": {"id": 999, "is_bot": True}}]
    assert parse(tg_message(1, 7, "Keep, go", chat=GROUP, entities=ent)).mentioned_self is True


def test_reply_to_the_bot_counts_as_mention() -> None:
    update = tg_message(1, 7, "and then?", chat=GROUP)
    update["message"]["reply_to_message"] = {"message_id": 5, "from": {"id": 999, "is_bot": True}}
    assert parse(update).mentioned_self is True


def test_command_addressed_to_another_bot_is_not_a_mention() -> None:
    ent = [{"type": "bot_command", "offset": 0, "length": 16}]
    assert parse(tg_message(1, 7, "/status@keep_bot", chat=GROUP, entities=ent)).mentioned_self
    ent = [{"type": "bot_command", "offset": 0, "length": 17}]
    assert not parse(tg_message(1, 7, "/status@other_bot", chat=GROUP, entities=ent)).mentioned_self


def test_mention_of_someone_else_is_not_a_mention() -> None:
    ent = [{"type": "mention", "offset": 0, "length": 6}]
    assert parse(tg_message(1, 7, "@alice look", chat=GROUP, entities=ent)).mentioned_self is False


def test_topic_thread_is_kept_only_for_topic_messages() -> None:
    update = tg_message(1, 7, "x", chat=GROUP)
    update["message"].update({"message_thread_id": 42, "is_topic_message": True})
    assert parse(update).thread == "42"
    update["message"]["is_topic_message"] = False
    assert parse(update).thread is None


def test_non_messages_are_refused_with_reasons() -> None:
    no_text = tg_message(1, 7, "x")
    del no_text["message"]["text"]
    channel_post = tg_message(2, 7, "x", chat={"id": -5, "type": "channel"})
    edited = {"update_id": 3, "edited_message": tg_message(3, 7, "x")["message"]}
    reasons = [
        parse_update(u, BOT, account="default", now=1.0) for u in (no_text, channel_post, edited)
    ]
    assert [r.reason for r in reasons if isinstance(r, Deny)] == [
        "channels.telegram.no_text",
        "channels.telegram.unsupported_chat",
        "channels.telegram.unsupported_update",
    ]


def test_reply_pieces_count_utf16_units_like_the_api() -> None:
    from clawkeep.channels.telegram.client import split_message

    crabs = "🦀" * 3000  # 6000 UTF-16 units
    pieces = split_message(crabs)
    assert "".join(pieces) == crabs
    assert [len(p.encode("utf-16-le")) // 2 for p in pieces] == [4096, 1904]
    assert split_message("") == []
