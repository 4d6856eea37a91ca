"""The message tool's messenger: a prompt-injected agent cannot write to strangers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

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
            assert not sent.allowed, to
            assert sent.reason in ("access.dm.not_allowed", "access.message.stranger"), to
        sent = asyncio.run(messenger.send("signal", "111", "hi"))
        assert sent.reason == "access.channel.not_configured"
        assert api.sent == []


def _approved_then(tmp_path: Path, base_url: str, policy: str) -> ChannelMessenger:
    """222 paired and was approved under dmPolicy pairing; then the owner switched."""
    store = PairingStore.open(tmp_path)
    req = store.request("telegram", "default", "222")
    assert req.code is not None
    assert store.approve("telegram", req.code).allowed
    cfg = {"botToken": TOKEN, "apiBaseUrl": base_url, "dmPolicy": policy, "allowFrom": ["111"]}
    return ChannelMessenger(RootConfig.model_validate({"channels": {"telegram": cfg}}), store)


def test_an_approved_sender_may_be_messaged_under_pairing(tmp_path: Path) -> None:
    with fake_bot_api() as api:
        sent = asyncio.run(
            _approved_then(tmp_path, api.base_url, "pairing").send("telegram", "222", "hi")
        )
        assert sent.allowed and sent.reason != "access.message.stranger", sent
        assert [m["chat_id"] for m in api.sent] == [222]


@pytest.mark.parametrize(
    ("policy", "reason"),
    [("allowlist", "access.dm.not_allowed"), ("disabled", "access.dm.disabled")],
)
def test_an_old_pairing_approval_does_not_open_outbound(
    tmp_path: Path, policy: str, reason: str
) -> None:
    # Inbound, 222 is dropped under allowlist/disabled; outbound must agree.
    with fake_bot_api() as api:
        messenger = _approved_then(tmp_path, api.base_url, policy)
        sent = asyncio.run(messenger.send("telegram", "222", "click this link"))
        assert (sent.allowed, sent.reason) == (False, reason)
        assert api.sent == []


def test_open_dm_policy_lets_strangers_in_but_not_out(tmp_path: Path) -> None:
    cfg = {"botToken": TOKEN, "dmPolicy": "open", "allowFrom": ["*"]}
    with fake_bot_api() as api:
        cfg["apiBaseUrl"] = api.base_url
        config = RootConfig.model_validate({"channels": {"telegram": cfg}})
        sent = asyncio.run(ChannelMessenger(config, None).send("telegram", "999", "hi"))
        assert (sent.allowed, sent.reason) == (False, "access.message.stranger")
        assert api.sent == []


def test_message_to_an_allowed_sender_goes_out(tmp_path: Path) -> None:
    with fake_bot_api() as api:
        messenger = ChannelMessenger(_config(api.base_url), PairingStore.open(tmp_path))
        sent = asyncio.run(messenger.send("telegram", "111", "the build is green"))
        assert sent.allowed, sent
        assert [(m["chat_id"], m["text"]) for m in api.sent] == [(111, "the build is green")]
