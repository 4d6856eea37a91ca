"""WhatsApp: the handshake, fail-closed signatures, replays, LID mentions, replies, recovery.

Everything runs the real webhook routes on a loopback uvicorn server and the real Graph
client against a loopback Cloud API; the agent turn echoes.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from pathlib import Path

import pytest

from clawkeep.channels.inbox import Inbox
from clawkeep.channels.whatsapp import SelfIds, WhatsAppChannel, parse_webhook, sign
from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny
from clawkeep.phoneids import WaId, e164, wa_id
from tests.channels.channel_drivers import APP_SECRET, VERIFY_TOKEN, driver
from tests.channels.phone_fakes import (
    ACCESS_TOKEN,
    BUSINESS_LID,
    BUSINESS_NUMBER,
    PHONE_ID,
    wa_event,
)

OPEN = {"dmPolicy": "open", "allowFrom": ["*"]}


def test_subscription_handshake_echoes_the_challenge_only_for_the_right_token(
    tmp_path: Path,
) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        http = d.extra["http"]
        ok = http.get(
            "/channels/whatsapp/default",
            params={
                "hub.mode": "subscribe",
                "hub.verify_token": VERIFY_TOKEN,
                "hub.challenge": "1158201444",
            },
        )
        assert ok.status_code == 200 and ok.text == "1158201444"
        bad = http.get(
            "/channels/whatsapp/default",
            params={
                "hub.mode": "subscribe",
                "hub.verify_token": "guess",
                "hub.challenge": "1158201444",
            },
        )
        assert bad.status_code == 403 and "1158201444" not in bad.text
        reflected = http.get(
            "/channels/whatsapp/default",
            params={
                "hub.mode": "subscribe",
                "hub.verify_token": VERIFY_TOKEN,
                "hub.challenge": "<script>alert(1)</script>",
            },
        )
        assert reflected.status_code == 403 and "script" not in reflected.text
        assert "channels.whatsapp.bad_verify_token" in d.reasons()


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no signature at all
        {"X-Hub-Signature-256": "sha256=" + "0" * 64},  # wrong
        {"X-Hub-Signature-256": "sha1=abc"},  # malformed
    ],
)
def test_unsigned_or_forged_event_is_dropped_before_parsing(
    tmp_path: Path, headers: dict[str, str]
) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        body = json.dumps(wa_event("+46700000001", "hello", "wamid.forged")).encode()
        resp = d.extra["http"].post(
            "/channels/whatsapp/default",
            content=body,
            headers={"Content-Type": "application/json", **headers},
        )
        assert resp.status_code == 401
        assert d.recorder.requests == [] and d.replies(0) == []
        assert d.extra["channel"].inbox.pending() == []  # nothing of it was stored
        assert any(r.startswith("channels.whatsapp.bad_signature") for r in d.reasons())


def test_body_changed_after_signing_is_dropped(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        body = json.dumps(wa_event("+46700000001", "hello", "wamid.a")).encode()
        sig = sign(APP_SECRET.encode(), body)
        changed = body.replace(b"hello", b"HELLO")
        resp = d.extra["http"].post(
            "/channels/whatsapp/default",
            content=changed,
            headers={"Content-Type": "application/json", "X-Hub-Signature-256": sig},
        )
        assert resp.status_code == 401 and d.recorder.requests == []


def test_account_without_app_secret_accepts_nothing(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, {**OPEN, "appSecret": None}) as d:
        body = json.dumps(wa_event("+46700000001", "hi", "wamid.n")).encode()
        resp = d.extra["http"].post(
            "/channels/whatsapp/default",
            content=body,
            headers={"X-Hub-Signature-256": sign(b"", body)},
        )
        assert resp.status_code == 401 and d.recorder.requests == []
        assert "channels.whatsapp.no_app_secret" in d.reasons()


def test_replayed_message_id_gets_one_turn_and_one_reply(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        event = wa_event("+46700000001", "once", "wamid.same")
        d.extra["post"](event)
        d.extra["post"](event)  # Meta's retry, or an attacker's replay of a capture
        assert len(d.recorder.requests) == 1
        assert len(d.replies(1)) == 1
        assert "channels.whatsapp.replay" in d.reasons()


def test_old_capture_is_refused_as_stale_even_with_a_valid_signature(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        eight_days_ago = int(time.time()) - 8 * 24 * 3600
        d.extra["post"](wa_event("+46700000001", "old", "wamid.old", timestamp=eight_days_ago))
        assert d.recorder.requests == []
        assert "channels.whatsapp.stale" in d.reasons()


def test_event_for_another_phone_number_is_not_this_accounts(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        d.extra["post"](wa_event("+46700000001", "hi", "wamid.x", phone_number_id="999"))
        assert d.recorder.requests == []
        assert "channels.whatsapp.other_number" in d.reasons()


def test_reply_goes_to_the_sender_with_the_token_in_the_header_only(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        d.dm(1, "ping")
        api = d.extra["api"]
        sent = api.wait(1)
        assert sent[0]["to"] == "46700000001" and sent[0]["text"]["body"] == "echo: ping"
        assert sent[0]["context"] == {"message_id": "wamid.in1"}
        assert api.auth_headers == [f"Bearer {ACCESS_TOKEN}"]


def test_long_reply_is_split_under_the_api_limit(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        d.dm(1, "x" * 9000)
        sent = d.extra["api"].wait(3)
        bodies = [m["text"]["body"] for m in sent]
        assert len(bodies) == 3 and all(len(b) <= 4096 for b in bodies)
        assert "".join(bodies) == "echo: " + "x" * 9000


def test_graph_error_is_logged_without_the_access_token(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, {**OPEN, "accessToken": "EAAG-wrong-token-1234567"}) as d:
        d.dm(1, "ping")
        failed = [e for e in d.pipe.events.recent if e.reason == "channels.whatsapp.send_failed"]
        assert failed and "401" in str(failed[0].fields)
        log = (d.extra["state"] / "logs" / "events.jsonl").read_text()
        assert "EAAG-wrong-token-1234567" not in log and "EAAG-wrong" not in str(failed[0].fields)


def test_allow_from_in_the_seeds_form_and_the_whatsapp_id_form(tmp_path: Path) -> None:
    cfg = {"dmPolicy": "allowlist", "allowFrom": ["+46 70-000 00 01", "46700000002@s.whatsapp.net"]}
    with driver("whatsapp", tmp_path, cfg) as d:
        d.dm(1, "one")
        d.dm(2, "two")
        d.dm(3, "three")
        assert [r.message.sender for r in d.recorder.requests] == ["+46700000001", "+46700000002"]


GROUP = {"groupAllowFrom": ["*"], "groups": {"*": {"requireMention": True}}}


@pytest.mark.parametrize(
    ("mention", "admitted"),
    [
        ([f"{BUSINESS_LID}@lid"], True),  # the newer LID form of our own id
        ([BUSINESS_NUMBER.lstrip("+")], True),  # the wa_id form
        ([f"{BUSINESS_NUMBER.lstrip('+')}@s.whatsapp.net"], True),  # the JID form
        ([f"{BUSINESS_NUMBER.lstrip('+')}:12@s.whatsapp.net"], True),  # with a device
        (["209999999999999@lid"], False),  # someone else's LID
        (["46709999999"], False),  # someone else's number
        ([BUSINESS_LID], False),  # our LID's digits read as a phone number: not us
    ],
)
def test_mention_of_the_business_counts_in_phone_and_lid_forms(
    tmp_path: Path, mention: list[str], admitted: bool
) -> None:
    with driver("whatsapp", tmp_path, GROUP) as d:
        d.extra["post"](
            wa_event("+46700000001", "status?", "wamid.g1", group="G1", mentions=mention)
        )
        assert bool(d.recorder.requests) is admitted


def test_lid_mention_without_a_configured_lid_falls_back_to_mention_patterns(
    tmp_path: Path,
) -> None:
    root = {"agents": {"list": [{"id": "main", "groupChat": {"mentionPatterns": ["\\bkeep\\b"]}}]}}
    with driver("whatsapp", tmp_path, {**GROUP, "businessLid": None}, root) as d:
        post = d.extra["post"]
        post(wa_event("+46700000001", "hello all", "wamid.g1", group="G1", mentions=["201111@lid"]))
        post(
            wa_event(
                "+46700000001", "keep, the status?", "wamid.g2", group="G1", mentions=["201111@lid"]
            )
        )
        assert [r.message.text for r in d.recorder.requests] == ["keep, the status?"]


def test_reply_to_the_business_counts_as_a_mention(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, GROUP) as d:
        d.extra["post"](
            wa_event(
                "+46700000001",
                "and then?",
                "wamid.r",
                group="G1",
                reply_to_from=BUSINESS_NUMBER.lstrip("+"),
            )
        )
        assert len(d.recorder.requests) == 1
        assert d.replies(1)[0][0] == "G1"


def test_non_text_message_is_refused_with_its_own_reason(tmp_path: Path) -> None:
    with driver("whatsapp", tmp_path, OPEN) as d:
        d.extra["post"](wa_event("+46700000001", "", "wamid.img", msg_type="image"))
        assert d.recorder.requests == []
        assert "channels.whatsapp.unsupported_type" in d.reasons()


def test_messages_pending_at_a_crash_run_when_the_channel_starts_again(tmp_path: Path) -> None:
    # The first gateway stored the message and acknowledged it, then died before its turn.
    state = tmp_path / "state"
    first = Inbox(state / "whatsapp-inbox.sqlite")
    msg = InboundMessage(
        channel="whatsapp",
        account="default",
        sender="+46700000001",
        chat_type="direct",
        text="are you there?",
        raw_id="wamid.lost",
    )
    assert first.accept(msg, 1.0)
    first.close()
    with driver("whatsapp", tmp_path, OPEN) as d:
        channel: WhatsAppChannel = d.extra["channel"]
        asyncio.run(channel.drain())
        assert [r.message.text for r in d.recorder.requests] == ["are you there?"]
        assert d.replies(1) == [("+46700000001", "echo: are you there?")]
        asyncio.run(channel.drain())  # done rows never run twice
        assert len(d.recorder.requests) == 1


def test_parser_refuses_shapes_it_does_not_know() -> None:
    me = SelfIds.of(BUSINESS_NUMBER, BUSINESS_LID)
    for body in (b"not json", b"[1,2]", b'{"object": "page", "entry": []}', b"[" * 100_000):
        out = parse_webhook(body, account="default", phone_number_id=PHONE_ID, me=me, now=0)
        assert out and all(isinstance(o, Deny) for o in out)


def test_ids_have_one_canonical_form_and_a_lid_is_never_a_number() -> None:
    assert e164("+46 70-123 45 67") == "+46701234567"
    assert e164("46701234567@s.whatsapp.net") == "+46701234567"
    assert e164("0701234567") is None  # a local trunk prefix is not an id
    assert wa_id("123456@lid") == WaId("lid", "123456")
    assert wa_id("123456@lid") != wa_id("123456")
    assert wa_id("abc@lid") is None


def test_a_strangers_handled_message_leaves_only_its_id_on_disk(tmp_path: Path) -> None:
    secret_text = "my card number is 4111 1111 1111 1111 " + "z" * 20_000
    with driver(
        "whatsapp", tmp_path, {"dmPolicy": "allowlist", "allowFrom": ["+46700000009"]}
    ) as d:
        d.extra["post"](wa_event("+46700000001", secret_text, "wamid.stranger"))
        db = d.extra["state"] / "whatsapp-inbox.sqlite"
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT msg_id, done, message FROM inbox").fetchall()
        assert rows == [("wamid.stranger", 1, "")]
        # the id is still remembered: the same message again is a replay
        d.extra["post"](wa_event("+46700000001", secret_text, "wamid.stranger"))
        assert "channels.whatsapp.replay" in d.reasons()


def test_an_empty_group_id_is_refused_not_answered_as_a_group_at_a_phone_number(
    tmp_path: Path,
) -> None:
    loose = {"groupAllowFrom": ["*"], "groups": {"*": {"requireMention": False}}}
    with driver("whatsapp", tmp_path, loose) as d:
        d.extra["post"](wa_event("+46700000001", "status?", "wamid.g0", group=""))
        assert d.recorder.requests == []  # no turn: the shape is not a message we know
        assert "channels.whatsapp.malformed" in d.reasons()
        assert d.extra["api"].sent == []
