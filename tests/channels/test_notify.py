"""`pairing approve --notify`: the approved sender is told on their own channel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clawkeep.access import PairingStore
from clawkeep.channels.notify import APPROVED_TEXT
from clawkeep.cli import main
from tests.channels.tg_fake import TOKEN, fake_bot_api


def test_approve_notify_sends_one_telegram_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    with fake_bot_api() as api:
        config = {"channels": {"telegram": {"botToken": TOKEN, "apiBaseUrl": api.base_url}}}
        (state / "clawkeep.json").write_text(json.dumps(config))
        monkeypatch.setenv("CLAWKEEP_CONFIG_PATH", str(state / "clawkeep.json"))
        monkeypatch.delenv("CLAWKEEP_STATE_DIR", raising=False)
        code = PairingStore.open(state).request("telegram", "default", "555").code
        assert code is not None
        result = CliRunner().invoke(main, ["pairing", "approve", "telegram", code, "--notify"])
    assert result.exit_code == 0, result.output
    assert "channels.notify.sent" in result.output
    assert [(m["chat_id"], m["text"]) for m in api.sent] == [(555, APPROVED_TEXT)]
    assert TOKEN not in result.output
