"""`clawkeep doctor --json` reports each failure it claims to detect, one broken thing at a time."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from tests.cli.cli_support import cli_env as _env
from tests.cli.cli_support import run_cli as _run

from clawkeep.guards.injection.classifier import MODEL_DIR


def _doctor(home: Path, *args: str, wrap: list[str] | None = None, **extra: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "clawkeep", "doctor", "--json", *args]
    if wrap:
        cmd = [*wrap, " ".join(f"'{c}'" for c in cmd)]
    done = subprocess.run(cmd, env=_env(home, **extra), capture_output=True, text=True, timeout=120)
    rows = [json.loads(x) for x in done.stdout.splitlines() if x.strip()]
    return {"rc": done.returncode, "by": {r["check"]: r for r in rows}, "raw": done}


@contextmanager
def _models_api(valid_key: str) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            ok = self.headers.get("Authorization") == f"Bearer {valid_key}"
            body = json.dumps(
                {"object": "list", "data": [{"id": "m", "object": "model"}]}
                if ok
                else {
                    "error": {
                        "message": "Incorrect API key provided",
                        "type": "invalid_request_error",
                    }
                }
            ).encode()
            self.send_response(200 if ok else 401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def test_no_key_is_reported_with_the_variable_to_set(tmp_path: Path) -> None:
    assert _run(tmp_path, "init", "--yes", "--provider", "openai").returncode == 0
    got = _doctor(tmp_path)
    row = got["by"]["doctor.provider"]
    assert got["rc"] == 1 and row["status"] == "fail" and "OPENAI_API_KEY" in row["fix"]


def test_wrong_key_is_refused_by_the_provider_and_a_right_one_accepted(tmp_path: Path) -> None:
    with _models_api("sk-right") as url:
        assert (
            _run(
                tmp_path, "init", "--yes", "--provider", "openai-compatible", "--base-url", url
            ).returncode
            == 0
        )
        wrong = _doctor(tmp_path, CLAWKEEP_PROVIDER_API_KEY="sk-wrong")
        assert wrong["by"]["doctor.provider"]["status"] == "fail"
        assert "refused the key" in wrong["by"]["doctor.provider"]["detail"]
        assert "sk-wrong" not in wrong["raw"].stdout + wrong["raw"].stderr
        right = _doctor(tmp_path, CLAWKEEP_PROVIDER_API_KEY="sk-right")
        assert right["by"]["doctor.provider"]["status"] == "ok"
        assert "env:CLAWKEEP_PROVIDER_API_KEY" not in right["by"]["doctor.provider"]["detail"]
        assert "(from config)" in right["by"]["doctor.provider"]["detail"]


def test_port_taken_by_another_program(tmp_path: Path) -> None:
    assert _run(tmp_path, "init", "--yes").returncode == 0
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        cfg = tmp_path / "state" / "clawkeep.json"
        cfg.write_text(
            cfg.read_text().replace('bind: "loopback",', f'bind: "loopback", port: {port},')
        )
        got = _doctor(tmp_path, "--offline")
    row = got["by"]["doctor.port"]
    assert row["status"] == "fail" and str(port) in row["detail"] and got["rc"] == 1


def test_loose_state_modes_fail_and_fix_narrows_them(tmp_path: Path) -> None:
    assert _run(tmp_path, "init", "--yes").returncode == 0
    cfg = tmp_path / "state" / "clawkeep.json"
    cfg.chmod(0o644)
    assert _doctor(tmp_path, "--offline")["by"]["doctor.state_modes"]["status"] == "fail"
    fixed = _doctor(tmp_path, "--offline", "--fix")
    assert fixed["by"]["doctor.state_modes"]["status"] == "ok"
    assert cfg.stat().st_mode & 0o077 == 0


def _private_mounts() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"], capture_output=True).returncode:
        pytest.skip("NO PRIVATE MOUNT NAMESPACE HERE: cannot break bwrap or the model safely")
    return [unshare, "-m", "sh", "-c"]


def test_bwrap_missing_is_a_failed_sandbox_check(tmp_path: Path) -> None:
    wrap = _private_mounts()
    bwrap = shutil.which("bwrap", path="/usr/bin:/bin")
    if bwrap is None:
        pytest.skip("BWRAP NOT INSTALLED: nothing to take away")
    assert _run(tmp_path, "init", "--yes").returncode == 0
    # Inside a private mount namespace only, bwrap becomes an empty, non-executable file.
    hide = [*wrap, f'mount --bind /dev/null {bwrap} && exec "$@"', "sh"]
    done = subprocess.run(
        [*hide, sys.executable, "-m", "clawkeep", "doctor", "--json", "--offline"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    rows = {json.loads(x)["check"]: json.loads(x) for x in done.stdout.splitlines() if x.strip()}
    assert rows["doctor.sandbox"]["status"] == "fail", done.stdout + done.stderr
    assert "bubblewrap" in rows["doctor.sandbox"]["fix"]


def test_bad_model_hash_is_a_failed_classifier_check(tmp_path: Path) -> None:
    wrap = _private_mounts()
    model = next(MODEL_DIR.glob("*.npz"))
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(model.read_bytes()[:-16] + b"\x00" * 16)
    assert _run(tmp_path, "init", "--yes").returncode == 0
    swap = [*wrap, f'mount --bind {bad} {model} && exec "$@"', "sh"]
    done = subprocess.run(
        [*swap, sys.executable, "-m", "clawkeep", "doctor", "--json", "--offline"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    rows = {json.loads(x)["check"]: json.loads(x) for x in done.stdout.splitlines() if x.strip()}
    assert rows["doctor.classifier"]["status"] == "fail", done.stdout + done.stderr
    assert done.returncode == 1
