"""`clawkeep gateway run` as a real process: refusals, the generated token, SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyjson5
import pytest

from clawkeep.cli.chat_client import GatewayClient

HOOKS = "9e" * 24


def _env(state_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAWKEEP_", "OPENCLAW_"))}
    env["CLAWKEEP_STATE_DIR"] = str(state_dir)
    env["HOME"] = str(state_dir.parent)
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "clawkeep", *args]


def _refused(state_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _cli("gateway", "run", "--port", "0"),
        env=_env(state_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )


class Gateway:
    """A `clawkeep gateway run` process, stopped with SIGTERM."""

    def __init__(self, state_dir: Path) -> None:
        self.proc = subprocess.Popen(
            _cli("gateway", "run", "--port", "0"),
            env=_env(state_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if found:
                self.port = int(found.group(1))
                return
        err = self.proc.stderr.read() if self.proc.stderr else ""
        raise AssertionError("no ready line: " + "".join(self.lines) + err)

    def stop(self) -> tuple[int, str, str]:
        self.proc.send_signal(signal.SIGTERM)
        out, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, "".join(self.lines) + out, err


@pytest.fixture
def run_gateway(state_dir: Path) -> Iterator[Callable[[], Gateway]]:
    started: list[Gateway] = []

    def start() -> Gateway:
        started.append(Gateway(state_dir))
        return started[-1]

    yield start
    for gw in started:
        if gw.proc.poll() is None:
            gw.proc.kill()
            gw.proc.wait()


def _config(state_dir: Path, tree: dict[str, object]) -> Path:
    path = state_dir / "clawkeep.json"
    path.write_text(json.dumps(tree))
    path.chmod(0o600)
    return path


def _assert_nothing_listens(state_dir: Path) -> None:
    assert not (state_dir / "logs" / "gateway-access.jsonl").exists()


def test_hooks_token_reuse_refuses_to_start(state_dir: Path) -> None:
    _config(state_dir, {"gateway": {"auth": {"token": HOOKS}}, "hooks": {"token": HOOKS}})
    done = _refused(state_dir)
    assert done.returncode == 2
    assert "gateway.config.hooks_token_reuse" in done.stderr
    assert HOOKS not in done.stdout + done.stderr
    _assert_nothing_listens(state_dir)


def test_lan_bind_without_auth_refuses_to_start(state_dir: Path) -> None:
    _config(state_dir, {"gateway": {"bind": "lan", "auth": {"mode": "none"}}})
    done = _refused(state_dir)
    assert done.returncode == 2
    assert "gateway.config.unauthenticated_remote" in done.stderr
    _assert_nothing_listens(state_dir)


def test_placeholder_token_refuses_to_start(state_dir: Path) -> None:
    _config(state_dir, {"gateway": {"auth": {"token": "$${OPENCLAW_GATEWAY_TOKEN}"}}})
    done = _refused(state_dir)
    assert done.returncode == 2
    assert "gateway.config.placeholder_secret" in done.stderr


def test_invalid_config_refuses_to_start(state_dir: Path) -> None:
    _config(state_dir, {"gateway": {"auth": {"mode": "token", "tokn": "x"}}})
    done = _refused(state_dir)
    assert done.returncode == 2
    assert "tokn" in done.stderr


def test_generated_token_is_persisted_private_never_printed_and_stable(
    state_dir: Path, run_gateway: Callable[[], Gateway]
) -> None:
    config = _config(state_dir, {"gateway": {"port": 1}})
    first = run_gateway()
    token = pyjson5.decode(config.read_text())["gateway"]["auth"]["token"]
    assert re.fullmatch(r"[0-9a-f]{48}", token)
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    with GatewayClient(f"ws://127.0.0.1:{first.port}/ws", token) as client:
        assert client.call("status")["auth"] == "token"
    code, out, err = first.stop()
    assert code == 0
    assert token not in out + err
    second = run_gateway()
    assert pyjson5.decode(config.read_text())["gateway"]["auth"]["token"] == token
    with GatewayClient(f"ws://127.0.0.1:{second.port}/ws", token) as client:
        assert client.call("status")["auth"] == "token"
    code, out, err = second.stop()
    assert code == 0
    assert "generated" not in out
    log = (state_dir / "logs" / "gateway-access.jsonl").read_text()
    assert token not in log
    assert '"auth": "gateway.auth.ok"' in log


def test_sigterm_keeps_acknowledged_chat_and_exits_zero(
    state_dir: Path, run_gateway: Callable[[], Gateway]
) -> None:
    gw = run_gateway()
    token = pyjson5.decode((state_dir / "clawkeep.json").read_text())["gateway"]["auth"]["token"]
    with GatewayClient(f"ws://127.0.0.1:{gw.port}/ws", token) as client:
        client.call("chat.send", {"text": "remember this"})
    code, _, _ = gw.stop()
    assert code == 0
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", gw.port)) != 0  # it stopped accepting
    again = run_gateway()
    with GatewayClient(f"ws://127.0.0.1:{again.port}/ws", token) as client:
        entries = client.call("chat.history", {"limit": 10})["entries"]
    assert [e["text"] for e in entries][:1] == ["remember this"]
    assert again.stop()[0] == 0
    time.sleep(0)


def test_chat_cli_talks_to_the_gateway_with_the_token_from_the_config(
    state_dir: Path, run_gateway: Callable[[], Gateway]
) -> None:
    gw = run_gateway()
    config = state_dir / "clawkeep.json"
    token = pyjson5.decode(config.read_text())["gateway"]["auth"]["token"]
    url = f"ws://127.0.0.1:{gw.port}/ws"
    sent = subprocess.run(
        _cli("chat", "--url", url, "-m", "hello from the terminal", "--json"),
        env=_env(state_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout)["messageId"]
    shown = subprocess.run(
        _cli("chat", "--url", url, "--history", "5"),
        env=_env(state_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "user> hello from the terminal" in shown.stdout
    assert token not in sent.stdout + sent.stderr + shown.stdout + shown.stderr
    wrong = subprocess.run(
        _cli("chat", "--url", url, "-m", "x"),
        env={**_env(state_dir), "CLAWKEEP_GATEWAY_TOKEN": "e1" * 24},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrong.returncode == 1
    assert "gateway.auth.failed" in wrong.stderr
    assert gw.stop()[0] == 0
