"""Which outbound connections a sandboxed command may open: an HTTP proxy outside the
sandbox, on a unix socket bound into it, that checks every destination with the network
guard (the agent's `egress.allowDomains`, then `guards.network`) and connects only to an
address it checked. The sandbox itself keeps its own empty network namespace.

A name is checked against the lists before it is resolved (a DNS query for a refused name
would itself carry data out); the Host header, or a tunnel's TLS server name, must name
the checked target; each request gets its own upstream connection; and the connections
open at once are bounded per sandbox and for the whole gateway.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from clawkeep.decision import Allow, Deny
from clawkeep.guards.network_guard import (
    NetworkPolicy,
    check_host,
    check_url,
    default_resolver,
    parse_url,
)
from clawkeep.sandbox._egress_http import (
    host_header_matches,
    one_request,
    relay_body,
    tls_server_name,
)
from clawkeep.sandbox._forwarder import FORWARDER_SOURCE
from clawkeep.sandbox.bwrap import EGRESS_SOCKET, Launch
from clawkeep.sandbox.spec import ExecResult, SandboxSpec

__all__ = [
    "FORWARDER_SOURCE",
    "EgressProxy",
    "check_destination",
    "open_connections",
    "pipe_sockets",
    "run_with_egress",
]

_HEAD_LIMIT = 16 * 1024
_HOST = re.compile(r"[a-z0-9._-]{1,253}|[0-9a-f:.]{2,45}")
_CONNECT_TIMEOUT = 10.0
Resolver = Callable[[str], Sequence[str]]


class _Slots:
    """A counter with a ceiling, shared by threads: take() fails instead of waiting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.active = 0

    def take(self, limit: int) -> bool:
        with self._lock:
            if self.active >= limit:
                return False
            self.active += 1
            return True

    def give(self) -> None:
        with self._lock:
            self.active -= 1


_GATEWAY_SLOTS = _Slots()  # every sandbox's egress connections, in this gateway process


def open_connections() -> int:
    """Egress connections open right now, all sandboxes together (for the bench)."""
    return _GATEWAY_SLOTS.active


def check_destination(
    host: str, port: int, spec: SandboxSpec, resolver: Resolver
) -> tuple[str, Allow] | Deny:
    """Decide one destination; the address returned is the checked one to connect to."""
    if port not in spec.egress_ports:  # egress is for HTTP(S), not any TCP service
        return Deny("sandbox.egress_port", f"port {port} is not in {list(spec.egress_ports)}")
    base = spec.network_policy or NetworkPolicy()
    # Both must allow: the agent's egress list and the gateway-wide network guard.
    policies = (replace(base, allow_domains=spec.egress_domains), base)
    url = f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"
    parsed = parse_url(url)
    if isinstance(parsed, Deny):
        return parsed
    for policy in policies:
        # The name is judged before any lookup: a refused name never reaches the resolver,
        # so `secret-data.exfil.example` cannot leave through DNS.
        rule = check_host(parsed, policy)
        if isinstance(rule, Deny):
            return rule
    try:
        answers = [host] if _is_ip(host) else list(resolver(host))
    except (OSError, UnicodeError) as exc:
        return Deny("network_guard.dns_failed", f"{host} did not resolve ({exc})")
    fixed: Resolver = lambda _h: answers  # noqa: E731  # the same answers for every check
    for policy in policies:
        decision = check_url(url, policy, fixed)
        if isinstance(decision, Deny):
            return decision
    if not answers:
        return Deny("network_guard.dns_failed", f"{host} has no address")
    return answers[0], Allow("sandbox.egress_allowed", host)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _read_head(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk or len(data) > _HEAD_LIMIT:
            return None
        data += chunk
    return data


def _target(head: bytes) -> tuple[str, int, bool] | None:
    """(host, port, is CONNECT) from a proxy request's head."""
    parsed = _parse_target(head)
    if parsed is None:
        return None
    host, port, connect = parsed
    # Only a plain name or address: no userinfo, no encodings the checker could read
    # differently from the resolver.
    if not _HOST.fullmatch(host) or not 0 < port < 65536:
        return None
    return host, port, connect


def _parse_target(head: bytes) -> tuple[str, int, bool] | None:
    line, _, _rest = head.partition(b"\r\n")
    parts = line.decode("latin-1").split(" ")
    if len(parts) != 3:
        return None
    method, target, _version = parts
    if method == "CONNECT":
        host, _, port = target.rpartition(":")
        return (host.strip("[]").lower(), int(port), True) if _is_port(port) else None
    if not target.startswith("http://"):
        return None
    hostport = target[len("http://") :].partition("/")[0]
    host, sep, port = hostport.rpartition(":")
    if not sep or not _is_port(port):
        host, port = hostport, "80"  # `host:8²` stays one host text, refused by _HOST
    return host.strip("[]").lower(), int(port), False


def _is_port(text: str) -> bool:
    # ASCII digits only: str.isdigit() accepts `²` or `٤`, which int() rejects or reads as
    # a number no server would (a ValueError here ended the handler thread, unrefused)
    return text.isascii() and text.isdigit() and len(text) <= 5


def _host_matches(head: bytes, host: str, port: int) -> bool:
    try:
        return host_header_matches(head, host, port)
    except ValueError:  # `Host: name:8²`: a port int() cannot read names no checked target
        return False


def pipe_sockets(a: socket.socket, b: socket.socket) -> None:
    """Copy ``a`` to ``b`` until ``a`` ends or fails, then shut both down."""
    with contextlib.suppress(OSError):
        while data := a.recv(65536):
            b.sendall(data)
    for s in (a, b):
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)


def _first_record(conn: socket.socket, early: bytes) -> bytes | None:
    """The tunnel's first TLS record (the ClientHello), read whole; None if not TLS."""
    data = early
    while len(data) < 5 or len(data) < 5 + int.from_bytes(data[3:5], "big"):
        if data[:1] not in (b"", b"\x16") or len(data) > 5 + 16384 + 2048:
            return None
        chunk = conn.recv(16384)
        if not chunk:
            return None
        data += chunk
    return data if data[:1] == b"\x16" else None


class EgressProxy:
    """A per-run proxy on a unix socket; every request is checked before any connection."""

    def __init__(self, spec: SandboxSpec, socket_path: Path, resolver: Resolver) -> None:
        self.spec, self.resolver = spec, resolver
        self.refused: list[Deny] = []
        self._mine = _Slots()
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(str(socket_path))
        self._sock.listen(64)
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = self._sock.accept()
                # A flood gets a refusal from this one thread, never a thread per connection.
                if not self._mine.take(self.spec.egress_max_connections):
                    self._busy(conn, Deny("sandbox.egress_too_many", "this sandbox's limit"))
                elif not _GATEWAY_SLOTS.take(self.spec.egress_max_connections_total):
                    self._mine.give()
                    self._busy(conn, Deny("sandbox.egress_too_many", "the gateway's limit"))
                else:
                    threading.Thread(target=self._serve_slot, args=(conn,), daemon=True).start()

    def _busy(self, conn: socket.socket, decision: Deny) -> None:
        with conn:
            conn.settimeout(0.5)
            self._refuse(conn, decision, status="503 Service Unavailable")
            conn.setblocking(False)
            with contextlib.suppress(OSError):
                conn.recv(_HEAD_LIMIT)  # what was already sent, so close() is not a reset

    def _serve_slot(self, conn: socket.socket) -> None:
        try:
            self._serve(conn)
        finally:
            self._mine.give()
            _GATEWAY_SLOTS.give()

    def _refuse(self, conn: socket.socket, decision: Deny, status: str = "403 Forbidden") -> None:
        self.refused.append(decision)
        body = f"clawkeep egress refused: {decision.reason}: {decision.detail}\n".encode()
        head = f"HTTP/1.1 {status}\r\nX-Clawkeep-Reason: {decision.reason}\r\n"
        head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        with contextlib.suppress(OSError):
            conn.sendall(head.encode() + body)

    def _serve(self, conn: socket.socket) -> None:
        # An I/O error (peer gone, timeout) only ends this connection; nothing was relayed.
        with conn, contextlib.suppress(OSError):
            conn.settimeout(_CONNECT_TIMEOUT)
            data = _read_head(conn)
            head, sep, early = (data or b"").partition(b"\r\n\r\n")
            target = _target(head + sep) if data else None
            if target is None:
                return self._refuse(conn, Deny("sandbox.egress_bad_request", "not a proxy request"))
            host, port, connect = target
            if not _host_matches(head, host, port):
                # The Host header must name the target that is checked and connected to.
                return self._refuse(
                    conn, Deny("sandbox.egress_host_mismatch", f"Host header is not {host}")
                )
            if connect and port == 80:
                # A tunnel is for TLS; plain HTTP goes as a forward request, Host checked.
                return self._refuse(
                    conn, Deny("sandbox.egress_port", "CONNECT to port 80: send plain HTTP")
                )
            checked = check_destination(host, port, self.spec, self.resolver)
            if isinstance(checked, Deny):
                return self._refuse(conn, checked)
            if connect:
                return self._tunnel(conn, host, port, checked[0], early)
            request = one_request(head + sep)
            if isinstance(request, Deny):
                return self._refuse(conn, request)
            upstream = self._connect(conn, checked[0], port)
            if upstream is not None:
                with upstream:
                    upstream.sendall(request.head)
                    if relay_body(request, early, conn, upstream):
                        conn.settimeout(None)
                        upstream.settimeout(None)
                        pipe_sockets(upstream, conn)  # the answer only: nothing more goes upstream
        return None

    def _tunnel(
        self, conn: socket.socket, host: str, port: int, address: str, early: bytes
    ) -> None:
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        hello = _first_record(conn, early)
        name = tls_server_name(hello) if hello is not None else None
        if hello is None or (name is not None and name != host):
            # A tunnel carries TLS to the checked name only: no plaintext requests with a
            # Host of their own, no ClientHello asking the allowed address for another site.
            self.refused.append(
                Deny("sandbox.egress_host_mismatch", f"tunnel is not TLS to {host}")
            )
            return
        upstream = self._connect(conn, address, port)
        if upstream is None:
            return
        with upstream:
            upstream.sendall(hello)
            conn.settimeout(None)
            upstream.settimeout(None)
            t = threading.Thread(target=pipe_sockets, args=(conn, upstream), daemon=True)
            t.start()
            pipe_sockets(upstream, conn)
            t.join(timeout=_CONNECT_TIMEOUT)

    def _connect(self, conn: socket.socket, address: str, port: int) -> socket.socket | None:
        try:  # connect to the address that was checked, never a fresh lookup
            return socket.create_connection((address, port), _CONNECT_TIMEOUT)
        except OSError as exc:
            self._refuse(conn, Deny("sandbox.egress_connect_failed", str(exc)))
            return None


@contextmanager
def egress_proxy(spec: SandboxSpec) -> Iterator[tuple[EgressProxy, Path]]:
    """A running proxy and its socket path, in a private (0700) temporary directory."""
    tmp = Path(tempfile.mkdtemp(prefix="clawkeep-egress-"))
    path = tmp / "egress.sock"
    proxy = EgressProxy(spec, path, spec.egress_resolver or default_resolver)
    try:
        yield proxy, path
    finally:
        proxy.close()
        shutil.rmtree(tmp, ignore_errors=True)


def run_with_egress(command: Sequence[str], spec: SandboxSpec, launch: Launch) -> ExecResult:
    """Run ``command`` behind the in-sandbox forwarder, connected to a checking proxy."""
    with egress_proxy(spec) as (_proxy, path):
        wrapped = ["/usr/bin/python3", "-I", "-c", FORWARDER_SOURCE, EGRESS_SOCKET, "--"]
        return launch.run(spec, [*wrapped, *command], egress_socket=path)
