"""Channel input: Telegram updates and signed webhook requests never raise."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clawkeep.channels.telegram.parse import BotIdentity, parse_update
from clawkeep.channels.webhook.payload import parse_payload
from clawkeep.channels.webhook.verify import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    ReplayCache,
    sign,
    verify_signed,
)
from clawkeep.contracts import InboundMessage
from clawkeep.decision import Allow, Deny
from tests.fuzz.strategies import json_values

TG_KEYS = st.sampled_from(
    ["update_id", "message", "chat", "id", "type", "from", "is_bot", "text", "entities",
     "offset", "length", "user", "reply_to_message", "date", "message_id", "username",
     "caption", "edited_message", "first_name", "private", "group", "supergroup"]
)  # fmt: skip
BOT = BotIdentity(999, "keep_bot")
SECRET = b"s" * 32
NOW = 1_700_000_000


@given(json_values(TG_KEYS))
def test_telegram_updates(raw: Any) -> None:
    out = parse_update(raw, BOT, account="default", now=NOW)
    assert isinstance(out, (InboundMessage, Deny))


@given(
    st.integers(min_value=-(2**62), max_value=2**62),
    st.integers(min_value=-(2**62), max_value=2**62),
    st.text(max_size=60),
    st.text(max_size=60),
)
def test_telegram_message_shapes(update_id: int, sender: int, text: str, entity: str) -> None:
    raw = {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": NOW,
            "chat": {"id": sender, "type": "private"},
            "from": {"id": sender, "is_bot": False, "first_name": entity},
            "text": text,
            "entities": [{"type": "mention", "offset": update_id % 50, "length": sender % 50}],
        },
    }
    out = parse_update(raw, BOT, account="default", now=NOW)
    assert isinstance(out, (InboundMessage, Deny))


@given(
    st.binary(max_size=300),
    st.dictionaries(
        st.sampled_from([TIMESTAMP_HEADER, SIGNATURE_HEADER, "x-other"]),
        st.one_of(st.text(max_size=80), st.sampled_from([str(NOW), "sha256=" + "0" * 64])),
    ),
)
def test_webhook_verifier(body: bytes, headers: dict[str, str]) -> None:
    out = verify_signed(body, headers, SECRET, NOW, ReplayCache(max_entries=10))
    assert isinstance(out, Deny)  # nothing unsigned passes


@given(json_values(st.sampled_from(["sender", "text", "chatType", "group", "id", "name"])))
def test_signed_webhook_bodies(tree: Any) -> None:
    body = json.dumps(tree).encode()
    headers = {TIMESTAMP_HEADER: str(NOW), SIGNATURE_HEADER: sign(SECRET, NOW, body)}
    assert isinstance(verify_signed(body, headers, SECRET, NOW, ReplayCache()), Allow)
    out = parse_payload(body, account="default", now=NOW)
    assert isinstance(out, (InboundMessage, Deny))


@given(st.binary(max_size=400))
def test_webhook_payload_bytes(body: bytes) -> None:
    assert isinstance(parse_payload(body, account="default", now=NOW), (InboundMessage, Deny))
