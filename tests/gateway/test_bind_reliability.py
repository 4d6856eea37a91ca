"""Gateway start and its port: a passing holder is waited for, a real listener is named."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from clawkeep.gateway.runner import EXIT_PORT_TAKEN
from clawkeep.gateway.server import BindFailure, bind_or_wait

TOKEN = "5a" * 24


def _held_port() -> tuple[int, threading.Thread]:
    """A port held by an established outgoing connection (as another program's would be),
    released after a moment."""
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.socket()
    client.bind(("127.0.0.1", 0))  # no SO_REUSEADDR: like any client socket
    client.connect(server.getsockname())
    accepted, _ = server.accept()
    port = client.getsockname()[1]

    def release() -> None:
        threading.Event().wait(1.0)
        accepted.close()  # the server side closes first: no TIME_WAIT on the client's port
        client.close()
        server.close()

    return port, threading.Thread(target=release, daemon=True)


def test_a_port_held_by_a_connection_is_waited_for_not_refused() -> None:
    port, release = _held_port()
    probe = socket.socket()
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", port))
        raise AssertionError("the port should be held")
    except OSError:
        pass
    finally:
        probe.close()
    lines: list[str] = []
    release.start()
    bound = bind_or_wait(["127.0.0.1"], port, wait_s=30, echo=lines.append)
    assert not isinstance(bound, BindFailure), bound
    assert bound[0].getsockname()[1] == port
    for sock in bound:
        sock.close()
    assert any("waiting" in line for line in lines)


def test_a_listener_on_the_port_is_named_with_its_own_exit_code(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    config = state / "clawkeep.json"
    config.write_text(json.dumps({"gateway": {"auth": {"token": TOKEN}}}))
    config.chmod(0o600)
    taken = socket.create_server(("127.0.0.1", 0))
    port = taken.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAWKEEP_", "OPENCLAW_"))}
    env.update(CLAWKEEP_STATE_DIR=str(state), HOME=str(tmp_path))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "clawkeep", "gateway", "run", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        taken.close()
    assert done.returncode == EXIT_PORT_TAKEN, done.stdout + done.stderr
    assert f"port {port} is already in use" in done.stderr
    assert "127.0.0.1 listens on it" in done.stderr
    assert "--port" in done.stderr
    assert "Traceback" not in done.stderr
