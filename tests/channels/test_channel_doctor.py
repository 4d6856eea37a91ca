"""`clawkeep doctor` makes one real call per channel account and reports each failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.channels.phone_fakes import (
    ACCESS_TOKEN,
    PHONE_ID,
    SIGNAL_NUMBER,
    fake_graph_api,
    fake_signal_daemon,
)
from tests.channels.tg_fake import TOKEN, fake_bot_api


def _doctor(state: Path, channels: dict[str, Any]) -> tuple[int, list[dict[str, Any]], str]:
    state.mkdir(mode=0o700, exist_ok=True)
    path = state / "clawkeep.json"
    path.write_text(json.dumps({"channels": channels}))
    path.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAWKEEP_", "OPENCLAW_"))}
    env.update(CLAWKEEP_STATE_DIR=str(state), HOME=str(state.parent))
    done = subprocess.run(
        [sys.executable, "-m", "clawkeep", "doctor", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    rows = [
        json.loads(line)
        for line in done.stdout.splitlines()
        if line.strip() and json.loads(line)["check"].startswith("doctor.channels.")
    ]
    for row in rows:
        row["check"] = row["check"].removeprefix("doctor.")
        row["ok"] = row["status"] == "ok"
    return done.returncode, rows, done.stdout + done.stderr


def test_doctor_accepts_working_credentials_on_every_channel(tmp_path: Path) -> None:
    with fake_bot_api() as tg, fake_graph_api() as wa, fake_signal_daemon() as sig:
        _code, rows, _out = _doctor(
            tmp_path / "state",
            {
                "telegram": {"botToken": TOKEN, "apiBaseUrl": tg.base_url},
                "whatsapp": {
                    "appSecret": "s",
                    "verifyToken": "v",
                    "accessToken": ACCESS_TOKEN,
                    "phoneNumberId": PHONE_ID,
                    "apiBaseUrl": wa.base_url,
                },
                "signal": {"account": SIGNAL_NUMBER, "httpUrl": sig.base_url},
            },
        )
    assert {r["check"]: r["ok"] for r in rows} == {
        "channels.telegram": True,
        "channels.whatsapp": True,
        "channels.signal": True,
    }


def test_doctor_reports_each_broken_credential_without_echoing_it(tmp_path: Path) -> None:
    with fake_bot_api() as tg, fake_graph_api() as wa:
        code, rows, out = _doctor(
            tmp_path / "state",
            {
                "telegram": {"botToken": "123:wrong-token-value", "apiBaseUrl": tg.base_url},
                "whatsapp": {
                    "appSecret": "s",
                    "verifyToken": "v",
                    "accessToken": "EAAG-wrong-access-value",
                    "phoneNumberId": PHONE_ID,
                    "apiBaseUrl": wa.base_url,
                },
                # Nothing listens there: the daemon is not running.
                "signal": {"account": SIGNAL_NUMBER, "httpUrl": "http://127.0.0.1:9"},
            },
        )
    assert code == 1
    failed = {r["check"] for r in rows if not r["ok"]}
    assert failed == {"channels.telegram", "channels.whatsapp", "channels.signal"}
    assert all(r["fix"] for r in rows)
    assert "wrong-token-value" not in out and "EAAG-wrong-access-value" not in out
