"""A channel that could never receive stops the gateway at start, with the key to fix.

Driven through `clawkeep gateway run` as a real process; the WhatsApp route is then
reached through the real gateway (public: it verifies its own signature).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest

from clawkeep.channels.readiness import channel_readiness
from clawkeep.config.schema import RootConfig
from tests.channels.phone_fakes import PHONE_ID, fake_signal_daemon, wa_event

WA = {
    "appSecret": "${WA_APP_SECRET}",
    "verifyToken": "${WA_VERIFY_TOKEN}",
    "accessToken": "${WA_ACCESS_TOKEN}",
    "phoneNumberId": PHONE_ID,
}
SECRETS = {
    "WA_APP_SECRET": "app-secret-value-for-test",
    "WA_VERIFY_TOKEN": "verify-token-value-for-test",
    "WA_ACCESS_TOKEN": "EAAG-access-token-value-for-test",
}


def _env(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAWKEEP_", "OPENCLAW_"))}
    return {**env, **SECRETS, "CLAWKEEP_STATE_DIR": str(state), "HOME": str(state.parent)}


def _write(state: Path, channels: dict[str, Any]) -> None:
    state.mkdir(mode=0o700, exist_ok=True)
    cfg = {"gateway": {"auth": {"token": "5f0c2a9be4d17386" * 3}}, "channels": channels}
    path = state / "clawkeep.json"
    path.write_text(json.dumps(cfg))
    path.chmod(0o600)


def _run(state: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clawkeep", "gateway", "run", "--port", "0"],
        env=_env(state),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("channels", "reason", "names"),
    [
        ({"matrix": {"dmPolicy": "pairing"}}, "channels.unknown_channel", "matrix"),
        ({"whatsapp": {"appSecret": "x"}}, "channels.whatsapp.not_configured", "accessToken"),
        ({"signal": {}}, "channels.signal.no_account", "account"),
        (
            {"signal": {"account": "+15550002222", "httpUrl": "http://203.0.113.9:8080"}},
            "channels.signal.remote_daemon",
            "allowRemoteDaemon",
        ),
        ({"telegram": {"dmPolicy": "pairing"}}, "channels.telegram.no_token", "botToken"),
    ],
)
def test_gateway_refuses_a_channel_that_could_never_receive(
    tmp_path: Path, channels: dict[str, Any], reason: str, names: str
) -> None:
    state = tmp_path / "state"
    _write(state, channels)
    done = _run(state)
    assert done.returncode == 2, done.stdout + done.stderr
    said = done.stdout + done.stderr
    assert reason in said and names in said
    assert "Traceback" not in done.stderr


def test_disabled_unknown_channel_is_a_summary_line_not_an_error() -> None:
    cfg = RootConfig.model_validate(
        {"channels": {"matrix": {"enabled": False}, "whatsapp": {**WA, "enabled": False}}}
    )
    ready = channel_readiness(cfg)
    assert ready.problems == ()
    assert "channels.matrix: disabled (clawkeep has no adapter for it)" in ready.summary
    assert "channels.whatsapp: disabled" in ready.summary


def test_running_gateway_serves_whatsapp_and_streams_signal(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with fake_signal_daemon() as daemon:
        _write(
            state,
            {
                "whatsapp": WA,
                "signal": {"account": "+15550002222", "httpUrl": daemon.base_url},
            },
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "clawkeep", "gateway", "run", "--port", "0"],
            env=_env(state),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            lines = []
            port = 0
            for line in proc.stdout:
                lines.append(line)
                found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
                if found:
                    port = int(found.group(1))
                    break
            assert port, "".join(lines)
            text = "".join(lines)
            assert "channel channels.whatsapp: Cloud API webhook" in text
            assert "channel channels.signal: signal-cli daemon" in text
            base = f"http://127.0.0.1:{port}"
            ok = httpx2.get(
                f"{base}/channels/whatsapp/default",
                params={
                    "hub.mode": "subscribe",
                    "hub.verify_token": SECRETS["WA_VERIFY_TOKEN"],
                    "hub.challenge": "42",
                },
            )
            assert ok.status_code == 200 and ok.text == "42"  # no gateway token needed
            forged = httpx2.post(
                f"{base}/channels/whatsapp/default",
                content=json.dumps(wa_event("+46700000001", "hi", "wamid.f")).encode(),
                headers={"X-Hub-Signature-256": "sha256=" + "1" * 64},
            )
            assert forged.status_code == 401
            assert daemon.wait_connected(), "the gateway never opened signal-cli's event stream"
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        for secret in SECRETS.values():
            assert secret not in out + err + "".join(lines)


def test_audit_warns_about_a_remote_signal_daemon_and_an_unsigned_whatsapp(tmp_path: Path) -> None:
    from clawkeep.audit.run import run_audit
    from clawkeep.config import resolve_paths

    state = tmp_path / "state"
    _write(
        state,
        {
            "signal": {
                "account": "+15550002222",
                "httpUrl": "http://203.0.113.9:8080",
                "allowRemoteDaemon": True,
            },
            "whatsapp": {"verifyToken": "v", "accessToken": "a", "phoneNumberId": "1"},
        },
    )
    paths = resolve_paths({"HOME": str(tmp_path), "CLAWKEEP_STATE_DIR": str(state)})
    found = {f.check_id: f.severity for f in run_audit(paths, env={}).findings}
    assert found.get("channels.signal.remote_daemon") == "warn"
    assert found.get("channels.whatsapp.unsigned") == "critical"
