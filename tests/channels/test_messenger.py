"""The message tool's messenger: a prompt-injected agent cannot write to strangers."""

from __future__ import annotations

import asyncio
from pathlib import Path

from clawkeep.access.pairing import PairingStore
from clawkeep.channels.messenger import ChannelMessenger
from clawkeep.config.schema import RootConfig
from tests.channels.tg_fake import TOKEN, fake_bot_api


def _config(base_url: str) -> RootConfig:
    return RootConfig.model_validate(
        {
            "channels": {
                "telegram": {
                    "botToken": TOKEN,
                    "apiBaseUrl": base_url,
                    "dmPolicy": "allowlist",
                    "allowFrom": ["111"],
                }
            }
        }
    )


def test_message_to_a_stranger_is_refused_and_nothing_is_sent(tmp_path: Path) -> None:
    with fake_bot_api() as api:
        messenger = ChannelMessenger(_config(api.base_url), PairingStore.open(tmp_path))
        for to in ("999", "*", "-100123"):
            sent = asyncio.run(messenger.send("telegram", to, "click this link"))
            assert sent.reason == "channels.message.recipient_not_allowed", to
        sent = asyncio.run(messenger.send("signal", "111", "hi"))
        assert sent.reason == "channels.message.recipient_not_allowed"
        assert api.sent == []


def test_message_to_an_allowed_sender_goes_out(tmp_path: Path) -> None:
    with fake_bot_api() as api:
        messenger = ChannelMessenger(_config(api.base_url), PairingStore.open(tmp_path))
        sent = asyncio.run(messenger.send("telegram", "111", "the build is green"))
        assert sent.allowed, sent
        assert [(m["chat_id"], m["text"]) for m in api.sent] == [(111, "the build is green")]
