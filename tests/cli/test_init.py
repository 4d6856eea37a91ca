"""`clawkeep init`: the starter config starts a gateway that answers, and audits clean."""

from __future__ import annotations

import json
import re
import stat
import subprocess
from pathlib import Path

import pytest
from tests.agents.provider_fakes import fake_server, openai_stream
from tests.cli.cli_support import cli_env as _env
from tests.cli.cli_support import gateway
from tests.cli.cli_support import run_cli as _run


def _chat_once(home: Path, text: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """Start the gateway, send one message with `clawkeep chat`, stop the gateway."""
    with gateway(home, **extra) as gw:
        return _run(home, "chat", "--url", gw.ws, "-m", text, **extra)


def test_init_then_gateway_then_chat_answers_and_the_audit_is_clean(tmp_path: Path) -> None:
    with fake_server([openai_stream("hello from the model")]) as provider:
        done = _run(
            tmp_path,
            "init",
            "--provider",
            "openai-compatible",
            "--base-url",
            provider.url + "/v1",
            "--model",
            "test-model",
            "--yes",
        )
        assert done.returncode == 0, done.stderr
        state = tmp_path / "state"
        assert stat.S_IMODE((state / "clawkeep.json").stat().st_mode) == 0o600
        assert stat.S_IMODE((state / ".env").stat().st_mode) == 0o600
        assert stat.S_IMODE(state.stat().st_mode) == 0o700
        token = re.search(r"CLAWKEEP_GATEWAY_TOKEN=([0-9a-f]{48})", (state / ".env").read_text())
        assert token is not None
        assert token.group(1) not in done.stdout + done.stderr  # the secret is never echoed
        assert token.group(1) not in (state / "clawkeep.json").read_text()

        extra = {"CLAWKEEP_PROVIDER_API_KEY": "sk-test-provider-key"}
        audit = _run(tmp_path, "security", "audit", "--json", **extra)
        found = json.loads(audit.stdout)["findings"]
        assert [f["checkId"] for f in found if f["severity"] in ("critical", "warn")] == []

        # The token comes from .env through the config's ${CLAWKEEP_GATEWAY_TOKEN}.
        chat = _chat_once(tmp_path, "hi", **extra)
        assert chat.returncode == 0, chat.stderr
        assert "hello from the model" in chat.stdout
        assert provider.requests[0][1]["authorization"] == "Bearer sk-test-provider-key"


def test_init_never_overwrites_without_force_and_keeps_a_backup(tmp_path: Path) -> None:
    assert _run(tmp_path, "init", "--yes").returncode == 0
    cfg = tmp_path / "state" / "clawkeep.json"
    cfg.write_text("{ /* mine */ }")
    again = _run(tmp_path, "init", "--yes")
    assert again.returncode == 2 and "--force" in again.stderr
    assert cfg.read_text() == "{ /* mine */ }"
    forced = _run(tmp_path, "onboard", "--yes", "--force", "--provider", "anthropic")
    assert forced.returncode == 0
    backups = list(cfg.parent.glob("clawkeep.json.bak-*"))
    assert [b.read_text() for b in backups] == ["{ /* mine */ }"]
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    assert '"anthropic/' in cfg.read_text()


@pytest.mark.parametrize("channel", ["telegram", "whatsapp", "signal", "webhook"])
def test_each_channel_starter_audits_clean_once_its_secrets_are_set(
    tmp_path: Path, channel: str
) -> None:
    assert _run(tmp_path, "init", "--yes", "--channel", channel).returncode == 0
    secrets = {
        "OPENAI_API_KEY": "sk-x",
        "TELEGRAM_BOT_TOKEN": "1:abc",
        "WHATSAPP_APP_SECRET": "a",
        "WHATSAPP_VERIFY_TOKEN": "b",
        "WHATSAPP_ACCESS_TOKEN": "c",
        "WHATSAPP_PHONE_NUMBER_ID": "12345",
        "SIGNAL_ACCOUNT": "+15550001234",
        "CLAWKEEP_WEBHOOK_SECRET": "d",
    }
    audit = _run(tmp_path, "security", "audit", "--json", **secrets)
    found = json.loads(audit.stdout)["findings"]
    assert [f["checkId"] for f in found if f["severity"] in ("critical", "warn")] == []


def test_missing_provider_key_is_named_to_the_owner(tmp_path: Path) -> None:
    # OPENAI_API_KEY is not set: the owner's chat answer says what to set.
    assert _run(tmp_path, "init", "--yes", "--provider", "openai").returncode == 0
    done = _chat_once(tmp_path, "hi")
    assert "provider.no_key" in done.stdout and "OPENAI_API_KEY" in done.stdout, done.stdout


def test_two_forced_inits_in_one_second_keep_the_owners_original_config(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from clawkeep.cli import main

    env = _env(tmp_path)
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    original = '{"gateway": {"port": 18790}, "agents": {}} // the owner\'s own config\n'
    (state / "clawkeep.json").write_text(original)
    runner = CliRunner()
    for _ in range(2):  # scripted: both within the same second, as a loop would
        got = runner.invoke(main, ["init", "--yes", "--force"], env=env)
        assert got.exit_code == 0, got.output
    backups = sorted(state.glob("clawkeep.json.bak-*"))
    assert len(backups) == 2
    assert original in [b.read_text() for b in backups]
    assert all(b.stat().st_mode & 0o777 == 0o600 for b in backups)
