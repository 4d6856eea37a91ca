"""No network from the sandbox: a listener on the host's loopback never sees a connection.
With egress configured, only allow-listed domains are reached, through the proxy outside,
and the network guard's refusals (metadata, loopback) still hold."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import pytest

from clawkeep.guards.network_guard import NetworkPolicy
from clawkeep.sandbox import ExecResult, SandboxSpec, run_sandboxed
from tests.sandbox.sandbox_helpers import Install

pytestmark = [pytest.mark.bwrap, pytest.mark.usefixtures("bwrap")]


@dataclass
class Listener:
    port: int
    paths: list[str] = field(default_factory=list)


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A host HTTP server on 127.0.0.1 that records every request it gets."""
    seen = Listener(0)

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.paths.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"host-data")

        def log_message(self, format: str, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    seen.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield seen
    server.shutdown()
    server.server_close()


def _raw_listener() -> tuple[socket.socket, int]:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.5)
    return srv, srv.getsockname()[1]


def test_connection_to_host_loopback_listener_never_arrives(install: Install) -> None:
    srv, port = _raw_listener()
    attempts = (
        f"exec 3<>/dev/tcp/127.0.0.1/{port}; "
        f"python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", {port}), 2)'; "
        f"python3 -c 'import socket; socket.socket(socket.AF_INET6).connect((\"::1\", {port}))'"
    )
    with srv:
        result = run_sandboxed(["bash", "-c", attempts], install.spec())
        assert isinstance(result, ExecResult)
        with pytest.raises(TimeoutError):
            srv.accept()  # nothing ever arrived
    assert "Address family not supported" in result.stderr


def test_netlink_and_raw_sockets_are_refused(install: Install) -> None:
    code = (
        "import socket\n"
        "raw = socket.SOCK_RAW\n"
        "for fam, kind in ((socket.AF_NETLINK, raw), (socket.AF_PACKET, raw)):\n"
        "    try:\n"
        "        socket.socket(fam, kind); print('opened')\n"
        "    except OSError as e:\n"
        "        print('refused', e.errno)\n"
    )
    result = run_sandboxed(["python3", "-c", code], install.spec())
    assert isinstance(result, ExecResult)
    assert "opened" not in result.stdout
    assert result.stdout.count("refused") == 2


def _egress_spec(install: Install, port: int, answers: dict[str, list[str]]) -> SandboxSpec:
    def resolve(host: str) -> list[str]:
        if host not in answers:
            raise OSError(f"{host}: no such name")
        return answers[host]

    return replace(
        install.spec(),
        egress_domains=("allowed.example", "*.pkgs.example"),
        egress_ports=(port,),
        # The test's upstream lives on loopback: widen the guard for 127.0.0.1 only.
        network_policy=NetworkPolicy(allow_cidrs=(ipaddress.ip_network("127.0.0.1/32"),)),
        egress_resolver=resolve,
    )


_FETCH = """
import sys, urllib.request
for url in sys.argv[1:]:
    try:
        print(url, urllib.request.urlopen(url, timeout=5).read().decode())
    except Exception as exc:
        print(url, "ERR", exc)
"""


def test_egress_reaches_only_allow_listed_domains(install: Install, listener: Listener) -> None:
    answers = {"allowed.example": ["127.0.0.1"], "evil.example": ["127.0.0.1"]}
    spec = _egress_spec(install, listener.port, answers)
    urls = [f"http://{h}:{listener.port}/{h}" for h in ("allowed.example", "evil.example")]
    result = run_sandboxed(["python3", "-c", _FETCH, *urls], spec)
    assert isinstance(result, ExecResult)
    assert f"{urls[0]} host-data" in result.stdout
    assert f"{urls[1]} ERR HTTP Error 403" in result.stdout
    assert listener.paths == ["/allowed.example"]  # the refused one never arrived


def test_egress_refuses_allow_listed_name_that_resolves_to_metadata(
    install: Install, listener: Listener
) -> None:
    answers = {"allowed.example": ["169.254.169.254"], "a.pkgs.example": ["10.0.0.5"]}
    spec = _egress_spec(install, listener.port, answers)
    urls = [f"http://{h}:{listener.port}/" for h in answers]
    result = run_sandboxed(["python3", "-c", _FETCH, *urls], spec)
    assert isinstance(result, ExecResult)
    assert result.stdout.count("ERR HTTP Error 403") == 2
    assert listener.paths == []


def test_egress_refuses_ports_other_than_the_allowed_ones(
    install: Install, listener: Listener
) -> None:
    spec = replace(_egress_spec(install, listener.port, {"allowed.example": ["127.0.0.1"]}))
    spec = replace(spec, egress_ports=(443,))
    url = f"http://allowed.example:{listener.port}/"
    result = run_sandboxed(["python3", "-c", _FETCH, url], spec)
    assert isinstance(result, ExecResult)
    assert "403" in result.stdout
    assert listener.paths == []


def test_egress_sandbox_still_cannot_reach_host_loopback_directly(
    install: Install, listener: Listener
) -> None:
    spec = _egress_spec(install, listener.port, {"allowed.example": ["127.0.0.1"]})
    code = (
        "import socket\n"
        f"try:\n    socket.create_connection(('127.0.0.1', {listener.port}), 2); print('reached')\n"
        "except OSError as e:\n    print('refused', e)\n"
    )
    result = run_sandboxed(["python3", "-c", code], spec)
    assert isinstance(result, ExecResult)
    assert "reached" not in result.stdout
    assert listener.paths == []
