"""The failed-auth limiter under attack: address rotation, eviction floods, owner lock-out."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
from collections.abc import Iterator

import pytest

from clawkeep.cli.chat_client import GatewayClient
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.ratelimit import AuthRateLimiter
from clawkeep.gateway.settings import RateLimitSettings
from tests.gateway.gateway_helpers import (
    TOKEN,
    EchoHandler,
    MemoryPairing,
    RunningGateway,
    settings,
)

RIGHT = {"Authorization": f"Bearer {TOKEN}"}
WRONG = {"Authorization": "Bearer " + "ab" * 24}
NOBODY = 65534


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rotating_addresses_get_no_more_than_the_global_budget() -> None:
    limits = RateLimitSettings(max_attempts=10, global_max_failures=50)
    limiter = AuthRateLimiter(limits, clock=Clock())
    compared = 0
    for n in range(10_500):
        ip = f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
        if limiter.check(ip).allowed:
            compared += 1
            limiter.record_failure(ip)
    assert compared == 50
    assert limiter.check("127.200.0.1").reason == "gateway.auth.busy"


def test_the_global_budget_refills_as_the_window_moves() -> None:
    clock = Clock()
    limiter = AuthRateLimiter(RateLimitSettings(global_max_failures=5, window_s=60), clock=clock)
    for n in range(5):
        limiter.record_failure(f"10.0.0.{n}")
    assert not limiter.check("10.0.1.1").allowed
    clock.now += 61
    assert limiter.check("10.0.1.1").allowed


def test_a_flood_of_new_addresses_never_evicts_a_lockout() -> None:
    clock = Clock()
    limits = RateLimitSettings(max_attempts=3, lockout_s=300, global_max_failures=10**9)
    limiter = AuthRateLimiter(limits, clock=clock, max_clients=1000)
    for _ in range(3):
        limiter.record_failure("203.0.113.7")
    assert limiter.check("203.0.113.7").reason == "gateway.auth.locked_out"
    for n in range(25_000):  # 25x the table: every partial count is evicted, not the lockout
        limiter.record_failure(f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}")
    clock.now += 35
    assert limiter.check("203.0.113.7").reason == "gateway.auth.locked_out"
    clock.now += 300
    assert limiter.check("203.0.113.7").allowed


def _status_from(source: str, port: int, headers: dict[str, str]) -> int:
    sock = socket.create_connection(("127.0.0.1", port), timeout=20, source_address=(source, 0))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.sock = sock
    try:
        conn.request("GET", "/api/status", headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@pytest.fixture
def tight_gateway() -> Iterator[RunningGateway]:
    limits = RateLimitSettings(
        max_attempts=3, global_max_failures=20, delay_step_s=0.0, delay_max_s=0.0
    )
    running = RunningGateway(
        settings(rate_limit=limits),
        GatewayServices(handler=EchoHandler(), pairing=MemoryPairing()),
    )
    yield running
    running.stop()


def test_rotation_across_127_slash_8_is_bounded_on_real_sockets(
    tight_gateway: RunningGateway,
) -> None:
    statuses = [
        _status_from(f"127.0.{n // 250}.{n % 250 + 2}", tight_gateway.port, WRONG)
        for n in range(200)
    ]
    assert statuses.count(401) == 20  # compared: exactly the global budget
    assert statuses.count(429) == 180  # the rest refused without being compared
    # These attackers run as the gateway's own user, so they also passed as the owner and
    # spent the owner path's own budget: even the right token is not compared for a while.
    assert _status_from("127.0.0.1", tight_gateway.port, RIGHT) == 429


def _as_nobody(port: int, token: str, times: int) -> list[int]:
    """Requests from another user's process on this machine (a stranger, or the sandbox)."""
    script = (
        "import http.client, json, sys\n"
        "out = []\n"
        f"for _ in range({times}):\n"
        f"    c = http.client.HTTPConnection('127.0.0.1', {port}, timeout=20)\n"
        f"    c.request('GET', '/api/status', headers={{'Authorization': 'Bearer {token}'}})\n"
        "    out.append(c.getresponse().status)\n"
        "    c.close()\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        ["/usr/bin/python3", "-I", "-c", script],
        user=NOBODY,
        group=NOBODY,
        extra_groups=[],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    statuses: list[int] = json.loads(done.stdout)
    return statuses


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a client as another user")
def test_ten_wrong_tokens_from_127_0_0_1_do_not_lock_the_owner_out(
    tight_gateway: RunningGateway,
) -> None:
    wrong = "ab" * 24
    assert _as_nobody(tight_gateway.port, wrong, 10)[-1] == 429  # 127.0.0.1 is locked out
    # Another user's process with the right token is still refused: it was locked out.
    assert _as_nobody(tight_gateway.port, TOKEN, 1) == [429]
    # The owner's CLI path (same user, reading the token file) gets in: HTTP and WebSocket.
    assert tight_gateway.http("GET", "/api/status", RIGHT)[0] == 200
    GatewayClient(tight_gateway.ws_url, TOKEN).close()
    # A wrong token from the owner's user is refused, not let in.
    assert tight_gateway.http("GET", "/api/status", WRONG)[0] in (401, 429)


@pytest.mark.parametrize(
    "forwarded",
    [
        {"Via": "1.1 tunnel"},
        {"Cf-Connecting-Ip": "203.0.113.7"},
        {"True-Client-Ip": "203.0.113.7"},
        {"X-Forwarded-Host": "gateway.example.com"},
    ],
)
def test_a_request_a_proxy_forwarded_does_not_pass_as_the_owner(
    tight_gateway: RunningGateway, forwarded: dict[str, str]
) -> None:
    for _ in range(3):
        tight_gateway.http("GET", "/api/status", WRONG)
    # A same-user tunnel forwarding a stranger: locked out like any other client.
    assert tight_gateway.http("GET", "/api/status", {**RIGHT, **forwarded})[0] == 429
    assert tight_gateway.http("GET", "/api/status", RIGHT)[0] == 200  # the owner itself


def test_guesses_through_the_owner_path_have_their_own_budget(
    tight_gateway: RunningGateway,
) -> None:
    for _ in range(3):
        tight_gateway.http("GET", "/api/status", WRONG)  # 127.0.0.1 is now locked out
    assert tight_gateway.http("GET", "/api/status", RIGHT)[0] == 200  # owner path works
    # Whatever passes as the owner gets max_attempts wrong guesses, not unlimited ones:
    for _ in range(3):
        assert tight_gateway.http("GET", "/api/status", WRONG)[0] == 429
    assert tight_gateway.http("GET", "/api/status", RIGHT)[0] == 429  # nothing compared now
