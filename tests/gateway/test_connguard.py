"""Slow headers, huge headers and connection floods on real loopback sockets."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Iterator

import pytest

from clawkeep.gateway.connguard import ConnectionLimits
from clawkeep.gateway.core import GatewayServices
from tests.gateway.gateway_helpers import (
    TOKEN,
    EchoHandler,
    MemoryPairing,
    RunningGateway,
    settings,
)

RIGHT = {"Authorization": f"Bearer {TOKEN}"}
NOBODY = 65534
LIMITS = ConnectionLimits(
    max_total=24, max_per_client=12, reserved_for_owner=8, header_timeout_s=1.0,
    max_header_bytes=16 * 1024,
)  # fmt: skip


@pytest.fixture
def guarded() -> Iterator[RunningGateway]:
    running = RunningGateway(
        settings(), GatewayServices(handler=EchoHandler(), pairing=MemoryPairing()), limits=LIMITS
    )
    yield running
    running.stop()


def _read_all(sock: socket.socket) -> bytes:
    sock.settimeout(30)  # a bound so a missing answer fails instead of hanging
    out = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        out += chunk
    return out


def test_slow_headers_are_closed_with_408(guarded: RunningGateway) -> None:
    sock = socket.create_connection(("127.0.0.1", guarded.port))
    sock.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
    answer = _read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 408")


def test_a_silent_connection_is_closed_too(guarded: RunningGateway) -> None:
    sock = socket.create_connection(("127.0.0.1", guarded.port))
    answer = _read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 408")


def test_huge_headers_are_refused_with_431_before_they_are_buffered(
    guarded: RunningGateway,
) -> None:
    sock = socket.create_connection(("127.0.0.1", guarded.port))
    sock.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
    sent = 0
    try:
        while sent < 64 * 1024 * 1024:  # the server must cut this off long before
            sock.sendall(b"a" * 65536)
            sent += 65536
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = _read_all(sock)
    sock.close()
    assert sent < 64 * 1024 * 1024
    assert answer.startswith(b"HTTP/1.1 431") or answer == b""
    assert guarded.http("GET", "/api/status", RIGHT)[0] == 200  # still serving


def test_keep_alive_second_request_head_is_bounded_too(guarded: RunningGateway) -> None:
    sock = socket.create_connection(("127.0.0.1", guarded.port))
    auth = f"Authorization: Bearer {TOKEN}\r\n".encode()
    sock.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + b"\r\n")
    sock.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
    answer = _read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 200")
    assert b"HTTP/1.1 408" in answer


def _flood_as_nobody(port: int, count: int) -> subprocess.Popen[str]:
    """Another user's process holding ``count`` slow-header connections open."""
    script = (
        "import socket, sys, json\n"
        "held, statuses = [], []\n"
        f"for _ in range({count}):\n"
        f"    s = socket.create_connection(('127.0.0.1', {port}))\n"
        "    s.sendall(b'GET / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nX-Slow: ')\n"
        "    held.append(s)\n"
        "s.settimeout(0.5)\n"
        "for s in held:\n"
        "    s.settimeout(0.3)\n"
        "    try:\n"
        "        statuses.append(s.recv(12).decode())\n"
        "    except OSError:\n"
        "        statuses.append('open')\n"
        "print(json.dumps(statuses), flush=True)\n"
        "sys.stdin.read()\n"
    )
    return subprocess.Popen(
        ["/usr/bin/python3", "-I", "-c", script],
        user=NOBODY,
        group=NOBODY,
        extra_groups=[],
        cwd="/",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a client as another user")
def test_a_strangers_flood_leaves_the_owner_a_slot() -> None:
    slow = ConnectionLimits(
        max_total=24, max_per_client=100, reserved_for_owner=8, header_timeout_s=60.0
    )
    running = RunningGateway(
        settings(), GatewayServices(handler=EchoHandler(), pairing=MemoryPairing()), limits=slow
    )
    flood = _flood_as_nobody(running.port, 30)
    try:
        assert flood.stdout is not None
        statuses = json.loads(flood.stdout.readline())
        assert statuses.count("open") == 16  # 24 slots less the owner's 8
        assert all(s.startswith("HTTP/1.1 503") for s in statuses if s != "open")
        assert running.http("GET", "/api/status", RIGHT)[0] == 200  # the owner gets in
    finally:
        flood.communicate("", timeout=30)
        running.stop()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a client as another user")
def test_one_strangers_address_gets_at_most_its_share() -> None:
    slow = ConnectionLimits(
        max_total=100, max_per_client=12, reserved_for_owner=8, header_timeout_s=60.0
    )
    running = RunningGateway(
        settings(), GatewayServices(handler=EchoHandler(), pairing=MemoryPairing()), limits=slow
    )
    flood = _flood_as_nobody(running.port, 14)
    try:
        assert flood.stdout is not None
        statuses = json.loads(flood.stdout.readline())
        assert statuses.count("open") == 12
        assert running.http("GET", "/api/status", RIGHT)[0] == 200
    finally:
        flood.communicate("", timeout=30)
        running.stop()
