"""Which outbound connections a sandboxed command may open: an HTTP proxy outside the
sandbox, on a unix socket bound into it, that checks every destination with the network
guard (the agent's `egress.allowDomains`, then `guards.network`) and connects only to an
address it checked. The sandbox itself keeps its own empty network namespace.
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
from clawkeep.guards.network_guard import NetworkPolicy, check_url, default_resolver
from clawkeep.sandbox._forwarder import FORWARDER_SOURCE
from clawkeep.sandbox.bwrap import EGRESS_SOCKET, Launch
from clawkeep.sandbox.spec import ExecResult, SandboxSpec

__all__ = ["FORWARDER_SOURCE", "EgressProxy", "check_destination", "run_with_egress"]

_HEAD_LIMIT = 16 * 1024
_HOST = re.compile(r"[a-z0-9._-]{1,253}|[0-9a-f:.]{2,45}")
_CONNECT_TIMEOUT = 10.0
Resolver = Callable[[str], Sequence[str]]


def check_destination(
    host: str, port: int, spec: SandboxSpec, resolver: Resolver
) -> tuple[str, Allow] | Deny:
    """Decide one destination; the address returned is the checked one to connect to."""
    if port not in spec.egress_ports:  # egress is for HTTP(S), not any TCP service
        return Deny("sandbox.egress_port", f"port {port} is not in {list(spec.egress_ports)}")
    try:
        answers = [host] if _is_ip(host) else list(resolver(host))
    except (OSError, UnicodeError) as exc:
        return Deny("network_guard.dns_failed", f"{host} did not resolve ({exc})")
    fixed: Resolver = lambda _h: answers  # noqa: E731  # the same answers for every check
    base = spec.network_policy or NetworkPolicy()
    url = f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"
    # Both must allow: the agent's egress list and the gateway-wide network guard.
    for policy in (replace(base, allow_domains=spec.egress_domains), base):
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


def _target(head: bytes) -> tuple[str, int, bytes | None] | None:
    """(host, port, request to send upstream or None for CONNECT) from a proxy request."""
    parsed = _parse_target(head)
    if parsed is None:
        return None
    host, port, request = parsed
    # Only a plain name or address: no userinfo, no encodings the checker could read
    # differently from the resolver.
    if not _HOST.fullmatch(host) or not 0 < port < 65536:
        return None
    return host, port, request


def _parse_target(head: bytes) -> tuple[str, int, bytes | None] | None:
    line, _, rest = head.partition(b"\r\n")
    parts = line.decode("latin-1").split(" ")
    if len(parts) != 3:
        return None
    method, target, version = parts
    if method == "CONNECT":
        host, _, port = target.rpartition(":")
        return (host.strip("[]").lower(), int(port), None) if port.isdigit() else None
    if not target.startswith("http://"):
        return None
    hostport, slash, path = target[len("http://") :].partition("/")
    host, sep, port = hostport.rpartition(":")
    if not sep or not port.isdigit():
        host, port = hostport, "80"
    del slash  # origin-form always starts at "/"
    request = f"{method} /{path} {version}\r\n".encode("latin-1") + rest
    return host.strip("[]").lower(), int(port), request


def _pipe(a: socket.socket, b: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := a.recv(65536):
            b.sendall(data)
    for s in (a, b):
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)


class EgressProxy:
    """A per-run proxy on a unix socket; every request is checked before any connection."""

    def __init__(self, spec: SandboxSpec, socket_path: Path, resolver: Resolver) -> None:
        self.spec, self.resolver = spec, resolver
        self.refused: list[Deny] = []
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
                threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _refuse(self, conn: socket.socket, decision: Deny) -> None:
        self.refused.append(decision)
        body = f"clawkeep egress refused: {decision.reason}: {decision.detail}\n".encode()
        head = f"HTTP/1.1 403 Forbidden\r\nX-Clawkeep-Reason: {decision.reason}\r\n"
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
            host, port, request = target
            checked = check_destination(host, port, self.spec, self.resolver)
            if isinstance(checked, Deny):
                return self._refuse(conn, checked)
            try:  # connect to the address that was checked, never a fresh lookup
                upstream = socket.create_connection((checked[0], port), _CONNECT_TIMEOUT)
            except OSError as exc:
                return self._refuse(conn, Deny("sandbox.egress_connect_failed", str(exc)))
            with upstream:
                conn.settimeout(None)
                upstream.settimeout(None)
                if request is None:
                    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    upstream.sendall(early)  # bytes the client sent right after CONNECT
                else:
                    upstream.sendall(request + early)
                t = threading.Thread(target=_pipe, args=(conn, upstream), daemon=True)
                t.start()
                _pipe(upstream, conn)
                t.join(timeout=_CONNECT_TIMEOUT)
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
