"""Every writer of events.jsonl gets the install's redactor."""

from __future__ import annotations

import stat
from pathlib import Path

from clawkeep.config import load_config, resolve_paths
from clawkeep.events.install import install_event_log

SECRET = "sk-proj-" + "A1b2C3d4" * 5


def _log(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "clawkeep.json"
    config.write_text(text)
    loaded = load_config(resolve_paths({}, config=config), env={})
    install_event_log(loaded).emit("tool.call", "policy.allowed", args=f"OPENAI_API_KEY={SECRET}")
    return tmp_path / "logs" / "events.jsonl"


def test_event_log_redacts_secrets_by_default(tmp_path: Path) -> None:
    log = _log(tmp_path, "{}")
    assert SECRET not in log.read_text()
    assert "policy.allowed" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_redaction_off_is_honoured_when_spelled_out(tmp_path: Path) -> None:
    log = _log(tmp_path, '{ logging: { redactSensitive: "off" } }')
    assert SECRET in log.read_text()
