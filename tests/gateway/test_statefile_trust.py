"""``gateway.json`` is not taken on trust: a stale or planted file neither lies nor probes."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from clawkeep.gateway.statefile import STATE_FILE, read_state, write_state
from tests.cli.cli_support import run_cli as _run


@contextmanager
def _health_server() -> Iterator[tuple[int, list[str]]]:
    """Another program on a loopback port that answers /health like a gateway would."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "11")
            self.end_headers()
            self.wfile.write(b'{"ok":true}')

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


def _plant(state: Path, pid: int, started: float, addresses: list[list[object]]) -> None:
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = {"pid": pid, "startedAt": started, "addresses": addresses}
    (state / STATE_FILE).write_text(json.dumps(body))


def test_a_reused_pid_and_a_port_someone_else_serves_are_not_the_gateway(
    tmp_path: Path,
) -> None:
    # The gateway crashed an hour ago; its pid now belongs to another program, and
    # another program answers on its old port.
    other = subprocess.Popen(["sleep", "60"])
    try:
        with _health_server() as (port, hits):
            _plant(tmp_path / "state", other.pid, time.time() - 3600, [["127.0.0.1", port]])
            out = _run(tmp_path, "status", "--json")
            assert out.returncode == 0, out.stderr
            assert json.loads(out.stdout)["gateway"] == "stale"
            assert hits == []  # not even probed: the pid was not the gateway's
    finally:
        other.kill()
        other.wait()


@pytest.mark.parametrize("pid", [0, -1, 1])
def test_pids_that_name_groups_or_init_are_never_the_gateway(tmp_path: Path, pid: int) -> None:
    _plant(tmp_path, pid, time.time(), [["127.0.0.1", 18789]])
    state = read_state(tmp_path)
    assert state is not None and not state.alive()


@pytest.mark.parametrize("host", ["192.0.2.1", "example.com", "8.8.8.8"])
def test_a_file_naming_a_host_off_this_machine_is_not_read(tmp_path: Path, host: str) -> None:
    _plant(tmp_path, os.getpid(), time.time(), [[host, 80]])
    assert read_state(tmp_path) is None


def test_the_gateways_own_file_is_read_and_alive(tmp_path: Path) -> None:
    write_state(tmp_path, [("127.0.0.1", 18789), ("0.0.0.0", 18789)])
    state = read_state(tmp_path)
    assert state is not None and state.alive() and state.pid == os.getpid()
