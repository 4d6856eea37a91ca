"""Resource attacks from inside the sandbox are contained and the gateway stays responsive:
fork bomb, memory hog, runaway command, output flood, a daemon left behind."""

from __future__ import annotations

import http.server
import os
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from clawkeep.sandbox import ExecResult, run_sandboxed
from clawkeep.sandbox.cgroup import create_jail
from tests.sandbox.sandbox_helpers import Install

pytestmark = [pytest.mark.bwrap, pytest.mark.usefixtures("bwrap")]

_FORKER = """
import os, time
n = 0
while n < 2000:
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(2)
        os._exit(0)
    n += 1
print("forked", n)
"""


class _Quiet(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"pong")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def gateway() -> Iterator[str]:
    """A stand-in gateway on loopback: it must keep answering while the sandbox is attacked."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _leftovers(marker: str) -> list[int]:
    """Host processes whose command line contains ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                found.append(int(entry.name))
    return found


def _run_while_pinging(command: str, spec: object, url: str) -> tuple[ExecResult, list[bytes]]:
    answers: list[bytes] = []
    box: list[object] = []
    worker = threading.Thread(target=lambda: box.append(run_sandboxed(command, spec)))  # type: ignore[arg-type]
    worker.start()
    while worker.is_alive() and len(answers) < 5:
        with urllib.request.urlopen(url, timeout=10) as response:
            answers.append(response.read())
    worker.join()
    result = box[0]
    assert isinstance(result, ExecResult), result
    return result, answers


def test_fork_bomb_is_contained_and_gateway_stays_responsive(
    install: Install, gateway: str
) -> None:
    spec = install.spec(processes=32, wall_seconds=8)
    bomb = "bomb() { bomb | bomb & }; bomb; sleep 3"
    _, answers = _run_while_pinging(bomb, spec, gateway)
    assert answers and all(a == b"pong" for a in answers)
    assert not _leftovers("bomb()")
    counted = run_sandboxed(["python3", "-c", _FORKER], spec)
    assert isinstance(counted, ExecResult)
    assert int(counted.stdout.split()[-1]) < 32  # the pids limit, not 2000, stopped it
    assert counted.killed_reason == "sandbox.process_limit"


def test_memory_hog_is_contained(install: Install, gateway: str) -> None:
    spec = install.spec(memory_mb=256)
    hog = "python3 -c 'b = bytearray(2 * 1024**3); print(len(b))'"
    result, answers = _run_while_pinging(hog, spec, gateway)
    assert answers and answers[0] == b"pong"
    assert result.exit_code != 0
    assert "2147483648" not in result.stdout


def test_memory_hog_split_over_processes_is_contained(install: Install) -> None:
    # Each hog stays under the per-process address-space limit; only the sandbox-wide
    # memory cgroup can stop four of them together.
    spec = install.spec(memory_mb=160, processes=16)
    jail = create_jail(spec.limits)
    if jail is not None:
        jail.remove()
    if jail is None or not jail.has_memory:
        pytest.skip("MEMORY CGROUP NOT AVAILABLE: only per-process address space is limited")
    one = "python3 -c 'b = bytes(1) * (100 * 1024**2); import time; time.sleep(1); print(\"ok\")'"
    result = run_sandboxed(f"for i in 1 2 3 4; do {one} & done; wait", spec)
    assert isinstance(result, ExecResult)
    assert result.stdout.count("ok") < 4
    assert result.killed_reason == "sandbox.memory_limit"


def test_runaway_command_is_killed_at_its_wall_clock(install: Install) -> None:
    result = run_sandboxed("sleep 31.337", install.spec(wall_seconds=1))
    assert isinstance(result, ExecResult)
    assert result.timed_out and result.killed_reason == "sandbox.wall_clock"
    assert result.exit_code is None
    assert not _leftovers("31.337")


def test_daemon_left_behind_is_killed(install: Install) -> None:
    result = run_sandboxed("(setsid sleep 31.338 > /dev/null 2>&1 &); echo started", install.spec())
    assert isinstance(result, ExecResult)
    assert "started" in result.stdout
    assert not _leftovers("31.338")


def test_cpu_spinner_is_stopped_by_the_cpu_limit(install: Install) -> None:
    result = run_sandboxed("python3 -c 'while True: pass'", install.spec(cpu_seconds=1))
    assert isinstance(result, ExecResult)
    assert not result.timed_out  # RLIMIT_CPU killed it before the wall clock
    assert result.exit_code != 0


def test_output_flood_is_capped_and_reported(install: Install) -> None:
    spec = install.spec(output_bytes=4096)
    result = run_sandboxed("yes flood", spec)
    assert isinstance(result, ExecResult)
    assert result.truncated and result.killed_reason == "sandbox.output_limit"
    assert len(result.stdout) <= 4096


def test_file_size_limit_stops_a_disk_filler(install: Install) -> None:
    spec = install.spec(file_size_mb=1)
    result = run_sandboxed("head -c 5000000 /dev/zero > big.bin", spec)
    assert isinstance(result, ExecResult)
    assert (install.workspace / "big.bin").stat().st_size <= 1024 * 1024
