"""The egress proxy outside the sandbox, spoken to directly over its unix socket the way a
hostile command inside would: every destination is checked before any connection."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from clawkeep.guards.network_guard import NetworkPolicy
from clawkeep.sandbox import SandboxSpec
from clawkeep.sandbox.egress import egress_proxy


class _Upstream(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "8")
        self.end_headers()
        self.wfile.write(b"upstream")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def upstream() -> Iterator[tuple[int, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Upstream,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def _spec(tmp_path: Path, port: int) -> SandboxSpec:
    answers = {"allowed.example": ["127.0.0.1"], "evil.example": ["127.0.0.1"]}
    return SandboxSpec(
        workspace=tmp_path,
        egress_domains=("allowed.example",),
        egress_ports=(port,),
        network_policy=NetworkPolicy(allow_cidrs=(ipaddress.ip_network("127.0.0.1/32"),)),
        egress_resolver=lambda host: answers.get(host) or [],
    )


def _ask(path: Path, raw: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(str(path))
        s.sendall(raw)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        return data


def test_forward_request_to_allowed_domain_is_relayed(
    tmp_path: Path, upstream: tuple[int, list[str]]
) -> None:
    port, hits = upstream
    with egress_proxy(_spec(tmp_path, port)) as (_, path):
        raw = f"GET http://allowed.example:{port} HTTP/1.0\r\nHost: allowed.example\r\n\r\n"
        answer = _ask(path, raw.encode())
    assert answer.startswith(b"HTTP/1.0 200") and answer.endswith(b"upstream")
    assert hits == ["/"]


@pytest.mark.parametrize(
    "request_line",
    [
        "GET http://evil.example:{port}/steal HTTP/1.0",  # not on the agent's list
        "GET http://user:pw@allowed.example:{port}/ HTTP/1.0",  # userinfo smuggling
        "CONNECT 127.0.0.1:{port} HTTP/1.1",  # an IP literal is not an allowed domain
        "CONNECT allowed.example:22 HTTP/1.1",  # a port that is not egress
        "GET /relative HTTP/1.0",  # not a proxy request at all
    ],
)
def test_refused_destination_never_reaches_upstream(
    tmp_path: Path, upstream: tuple[int, list[str]], request_line: str
) -> None:
    port, hits = upstream
    with egress_proxy(_spec(tmp_path, port)) as (proxy, path):
        answer = _ask(path, request_line.format(port=port).encode() + b"\r\nHost: x\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 403")
    assert proxy.refused
    assert hits == []


def test_connect_tunnel_reaches_only_the_checked_address(
    tmp_path: Path, upstream: tuple[int, list[str]]
) -> None:
    port, hits = upstream
    with egress_proxy(_spec(tmp_path, port)) as (_, path):
        raw = (
            f"CONNECT allowed.example:{port} HTTP/1.1\r\n\r\n"
            "GET /tunnel HTTP/1.0\r\nHost: allowed.example\r\n\r\n"
        )
        answer = _ask(path, raw.encode())
    assert answer.startswith(b"HTTP/1.1 200 Connection established")
    assert answer.endswith(b"upstream")
    assert hits == ["/tunnel"]
