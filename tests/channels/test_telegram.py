"""The Telegram channel against a loopback Bot API: the real client, the real pipeline."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from clawkeep.access import PairingStore
from clawkeep.channels.telegram import (
    TelegramClient,
    TelegramError,
    TelegramPoller,
    pollers_from_config,
)
from clawkeep.config import resolve_paths
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import Responder
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore
from tests.channels.tg_fake import TOKEN, FakeBotApi, fake_bot_api, tg_message


class Echo:
    async def respond(self, request: Any) -> str | None:
        return f"echo: {request.message.text}"


def pipeline(
    tmp_path: Path, channel: dict[str, Any], responder: Responder | None = None
) -> InboundPipeline:
    config = RootConfig.model_validate({"channels": {"telegram": channel}})
    paths = resolve_paths({"HOME": str(tmp_path)}, config=tmp_path / "state" / "clawkeep.json")
    return InboundPipeline(
        config,
        paths,
        store=TranscriptStore(tmp_path / "state" / "t.sqlite"),
        pairing=PairingStore.open(tmp_path / "state"),
        events=EventLog(tmp_path / "state" / "logs" / "events.jsonl"),
        responder=responder or Echo(),
    )


def poller(api: FakeBotApi, pipe: InboundPipeline, token: str = TOKEN) -> TelegramPoller:
    client = TelegramClient(token, api.base_url, poll_timeout=0)
    return TelegramPoller("default", client, pipe, events=pipe.events, retry_delay=0.01)


async def rounds(p: TelegramPoller, n: int) -> None:
    try:
        for _ in range(n):
            await p.poll_once()
    finally:
        await p.client.aclose()


def reasons(pipe: InboundPipeline) -> list[str]:
    return [e.reason for e in pipe.events.recent]


def test_unknown_telegram_sender_gets_a_pairing_code_by_send_message(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {})
    with fake_bot_api() as api:
        api.push(tg_message(1, 555, "hello"), tg_message(2, 555, "hello again"))
        asyncio.run(rounds(poller(api, pipe), 2))
    assert len(api.sent) == 1  # the repeat gets no second reply
    assert api.sent[0]["chat_id"] == 555 and "pairing code" in api.sent[0]["text"]
    assert api.offsets[-1] == 3  # both updates confirmed


def test_allowed_sender_gets_the_agents_reply(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"dmPolicy": "allowlist", "allowFrom": [555]})
    with fake_bot_api() as api:
        api.push(tg_message(1, 555, "ping"), tg_message(2, 666, "ping"))
        asyncio.run(rounds(poller(api, pipe), 1))
    assert [(m["chat_id"], m["text"]) for m in api.sent] == [(555, "echo: ping")]
    assert "access.dm.not_allowed" in reasons(pipe)


@pytest.mark.parametrize(
    "bad",
    [
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "from": {"id": "555"},
                "chat": {"id": 555, "type": "private"},
                "date": 1,
                "text": "hi",
            },
        },
        {
            "update_id": 1,
            "message": {"message_id": 1, "from": {"id": 555}, "date": 1, "text": "hi"},
        },
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "from": {"id": 555},
                "chat": {"id": 555, "type": "secret"},
                "date": 1,
                "text": "hi",
            },
        },
        {"update_id": 1, "message": "hello"},
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "from": {"id": 555},
                "chat": {"id": 555, "type": "private"},
                "date": 1,
                "text": "hi",
                "entities": [{"type": "mention", "offset": -5, "length": 2}],
            },
        },
        ["not", "an", "update"],
        None,
    ],
)
def test_malformed_update_is_logged_and_skipped_without_a_crash(tmp_path: Path, bad: Any) -> None:
    pipe = pipeline(tmp_path, {"dmPolicy": "allowlist", "allowFrom": [555]})
    with fake_bot_api() as api:
        api.push(bad, tg_message(2, 555, "still here"))
        asyncio.run(rounds(poller(api, pipe), 1))
    assert "channels.telegram.malformed" in reasons(pipe)
    assert [m["text"] for m in api.sent] == ["echo: still here"]
    assert pipe.store.count() == 2  # only the good message and its reply


def test_group_message_needs_a_native_mention(tmp_path: Path) -> None:
    pipe = pipeline(
        tmp_path, {"groupAllowFrom": ["*"], "groups": {"-100": {"requireMention": True}}}
    )
    chat = {"id": -100, "type": "supergroup", "title": "g"}
    mention = [{"type": "mention", "offset": 4, "length": 9}]
    with fake_bot_api() as api:
        api.push(
            tg_message(1, 7, "hey everyone", chat=chat),
            tg_message(2, 7, "hey @keep_bot status", chat=chat, entities=mention),
            tg_message(
                3,
                7,
                "🦀🦀 @keep_bot",
                chat=chat,
                entities=[{"type": "mention", "offset": 5, "length": 9}],
            ),
        )
        asyncio.run(rounds(poller(api, pipe), 1))
    assert [m["chat_id"] for m in api.sent] == [-100, -100], [
        (e.reason, e.fields) for e in pipe.events.recent
    ]
    assert reasons(pipe).count("access.group.no_mention") == 1


def test_messages_from_bots_never_reach_access_control(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"dmPolicy": "open", "allowFrom": ["*"]})
    update = tg_message(1, 555, "hi")
    update["message"]["from"]["is_bot"] = True
    with fake_bot_api() as api:
        api.push(update)
        asyncio.run(rounds(poller(api, pipe), 1))
    assert api.sent == [] and reasons(pipe) == ["channels.telegram.from_bot"]


def test_wrong_token_fails_without_leaking_it(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {})
    secret = "777:wrong-secret-token"
    with fake_bot_api() as api:
        p = poller(api, pipe, token=secret)

        async def go() -> None:
            task = asyncio.create_task(p.run())
            while "channels.telegram.poll_failed" not in reasons(pipe):
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(go())
        with pytest.raises(TelegramError) as err:
            asyncio.run(TelegramClient(secret, api.base_url).get_me())
    assert secret not in str(err.value) and "Unauthorized" in str(err.value)
    lines = (tmp_path / "state" / "logs" / "events.jsonl").read_text().splitlines()
    # every field but the timestamp (whose digits may hold "777" by chance)
    fields = [json.dumps({k: v for k, v in json.loads(x).items() if k != "ts"}) for x in lines]
    assert lines and not [f for f in fields if secret in f or "777" in f]


def test_run_is_cancelled_cleanly_while_long_polling(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {})
    with fake_bot_api() as api:
        client = TelegramClient(TOKEN, api.base_url, poll_timeout=5)
        p = TelegramPoller("default", client, pipe, events=pipe.events)

        async def go() -> None:
            task = asyncio.create_task(p.run())
            while len(api.offsets) < 1:
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(go())
    assert client._http.is_closed


def test_pollers_come_from_config_with_tokens_only(tmp_path: Path) -> None:
    config = RootConfig.model_validate(
        {
            "channels": {
                "telegram": {
                    "botToken": TOKEN,
                    "accounts": {"b": {"botToken": "1:x"}, "c": {"enabled": False}},
                }
            }
        }
    )
    events = EventLog()
    found = pollers_from_config(config, pipeline(tmp_path, {}), events=events)
    assert sorted(p.account for p in found) == ["b", "default"]
    assert json.dumps([p.account for p in found])


def test_long_reply_is_sent_in_pieces_under_the_api_limit(tmp_path: Path) -> None:
    class Long:
        async def respond(self, request: Any) -> str | None:
            return "x" * 9000

    pipe = pipeline(tmp_path, {"dmPolicy": "allowlist", "allowFrom": [555]}, Long())
    with fake_bot_api() as api:
        api.push(tg_message(1, 555, "talk a lot"))
        asyncio.run(rounds(poller(api, pipe), 1))
    assert [len(m["text"]) for m in api.sent] == [4096, 4096, 808]


def test_confirmed_updates_are_not_handled_again_after_a_restart(tmp_path: Path) -> None:
    from clawkeep.channels.telegram.poller import offset_path

    pipe = pipeline(tmp_path, {"dmPolicy": "allowlist", "allowFrom": [555]})
    offsets = offset_path(tmp_path / "state", "default")

    def fresh(api: FakeBotApi) -> TelegramPoller:
        client = TelegramClient(TOKEN, api.base_url, poll_timeout=0)
        return TelegramPoller("default", client, pipe, events=pipe.events, offset_file=offsets)

    with fake_bot_api() as api:
        api.push(tg_message(1, 555, "one"), tg_message(2, 555, "two"))
        asyncio.run(rounds(fresh(api), 1))  # handled, but never confirmed to the API
        api.offsets.clear()
        asyncio.run(rounds(fresh(api), 1))  # a restarted process
    assert api.offsets == [3] and len(api.sent) == 2
    assert offsets.read_text() == "3" and oct(offsets.stat().st_mode & 0o777) == "0o600"
