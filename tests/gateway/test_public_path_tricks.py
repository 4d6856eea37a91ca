"""Other spellings of an authenticated path never reach it without the token."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

from clawkeep.gateway.core import GatewayServices
from tests.gateway.gateway_helpers import TOKEN, EchoHandler, RunningGateway, settings

RIGHT = {"Authorization": f"Bearer {TOKEN}"}


def _raw_status(port: int, target: str) -> int:
    """Send ``target`` byte for byte (no client-side normalisation) and read the status."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        head = b""
        while b"\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
    return int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0


@pytest.fixture(scope="module")
def gw() -> Iterator[RunningGateway]:
    async def secret(_: Request) -> PlainTextResponse:
        return PlainTextResponse("authenticated-only")

    async def hook(_: Request) -> PlainTextResponse:
        return PlainTextResponse("public")

    running = RunningGateway(
        settings(),
        GatewayServices(handler=EchoHandler()),
        routes=[Route("/metrics", secret)],
        public_routes=[Route("/channels/whatsapp/default", hook), Mount("/hooks", routes=[])],
    )
    yield running
    running.stop()


@pytest.mark.parametrize(
    "target",
    [
        "/metrics/",
        "//metrics",
        "/METRICS",
        "/%6detrics",
        "/metrics%2F",
        "/metrics%0A",
        "/metrics;x",
        "/./metrics",
        "/health/../metrics",
        "/channels/whatsapp/default/../../../metrics",
        "/channels/whatsapp/default%2F..%2F..%2F..%2Fmetrics",
        "/hooks/../metrics",
        "/hooks/%2e%2e/metrics",
        "/api/status",
        "/api/status/",
        "http://127.0.0.1/metrics",
    ],
)
def test_no_spelling_of_an_authenticated_path_is_served_without_the_token(
    gw: RunningGateway, target: str
) -> None:
    assert _raw_status(gw.port, target) in (400, 401, 404, 405, 421), target


def test_the_public_routes_themselves_stay_public(gw: RunningGateway) -> None:
    assert _raw_status(gw.port, "/channels/whatsapp/default") == 200
    assert _raw_status(gw.port, "/health") == 200
    assert gw.http("GET", "/metrics", RIGHT)[0] == 200  # the route exists: the token opens it
