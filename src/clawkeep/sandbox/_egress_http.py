"""What the egress proxy reads of a request beyond its target: the Host header (it must
name the checked target), the one request a forward connection may carry (its body
bounded by Content-Length, then nothing more), and a tunnel's TLS server name.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from clawkeep.decision import Deny

__all__ = ["ForwardRequest", "host_header_matches", "one_request", "relay_body", "tls_server_name"]

_UNREADABLE = "\x00unreadable"  # never equal to a checked host: refused
_HOP_BY_HOP = {b"connection", b"proxy-connection", b"keep-alive", b"proxy-authorization"}


def _headers(head: bytes) -> list[tuple[bytes, bytes]] | None:
    """(lowercased name, value) pairs; None for a folded or nameless line."""
    out: list[tuple[bytes, bytes]] = []
    if any(c in head.replace(b"\r\n", b"") for c in (b"\r", b"\n", b"\x00")):
        return None  # a bare CR or LF ends a line for some servers: a Host the proxy missed
    for line in head.split(b"\r\n")[1:]:
        if not line:
            continue
        name, sep, value = line.partition(b":")
        if not sep or not name or name != name.strip() or line[:1] in (b" ", b"\t"):
            return None  # obs-fold or "Host :" spellings a server may read differently
        out.append((name.lower(), value.strip()))
    return out


def host_header_matches(head: bytes, host: str, port: int) -> bool:
    """No Host header, or exactly one naming ``host`` (and ``port``, if it says one)."""
    headers = _headers(head)
    if headers is None:
        return False
    hosts = [v for n, v in headers if n == b"host"]
    if not hosts:
        return True
    if len(hosts) > 1:
        return False  # two Hosts: the checker reads one, the server maybe the other
    value = hosts[0].decode("latin-1").lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        said_port = rest.removeprefix(":") if rest.startswith(":") else ("" if not rest else "x")
    else:
        name, _, said_port = value.partition(":")
    if said_port and (not said_port.isdigit() or int(said_port) != port):
        return False
    return name.rstrip(".") == host.rstrip(".")


@dataclass(frozen=True)
class ForwardRequest:
    """The one request a forward connection carries: its head for upstream, its length."""

    head: bytes  # origin-form request line and headers, `Connection: close` added
    length: int  # body bytes that follow (Content-Length), relayed as they arrive
    expects_continue: bool  # the client waits for `100 Continue` before its body


def one_request(head: bytes) -> ForwardRequest | Deny:
    """The origin-form request to send upstream: this one request and its body, no more
    (a second request pipelined behind it could name another host)."""
    headers = _headers(head)
    method, target, version = head.partition(b"\r\n")[0].split(b" ")
    if headers is None:
        return Deny("sandbox.egress_bad_request", "malformed header line")
    if any(n == b"transfer-encoding" for n, _ in headers):
        return Deny("sandbox.egress_bad_request", "chunked request bodies are not relayed")
    lengths = {v for n, v in headers if n == b"content-length"}
    if len(lengths) > 1 or any(not v.isdigit() for v in lengths):
        return Deny("sandbox.egress_bad_request", "conflicting Content-Length")
    length = int(lengths.pop()) if lengths else 0
    expects = any(n == b"expect" and v.lower() == b"100-continue" for n, v in headers)
    path = b"/" + target[len(b"http://") :].partition(b"/")[2]
    kept = b"".join(
        n + b": " + v + b"\r\n" for n, v in headers if n not in _HOP_BY_HOP and n != b"expect"
    )
    line = method + b" " + path + b" " + version + b"\r\n"
    return ForwardRequest(line + kept + b"Connection: close\r\n\r\n", length, expects)


def relay_body(
    request: ForwardRequest, early: bytes, conn: socket.socket, up: socket.socket
) -> bool:
    """Copy exactly the body's bytes from the client to upstream, as they arrive (nothing
    is held in memory beyond one chunk); False if the client stopped short."""
    first = early[: request.length]
    if first:
        up.sendall(first)
    left = request.length - len(first)
    if left and request.expects_continue:
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    while left > 0:
        chunk = conn.recv(min(65536, left))
        if not chunk:
            return False
        up.sendall(chunk)
        left -= len(chunk)
    return True


def tls_server_name(record: bytes) -> str | None:
    """The SNI host name of a ClientHello record, lowercased; None when it has none or the
    record cannot be read (the caller then refuses or relies on the checked address)."""
    try:
        if record[0] != 0x16 or record[5] != 0x01:
            return _UNREADABLE  # not a ClientHello
        i = 5 + 4 + 2 + 32  # handshake header, client_version, random
        i += 1 + record[i]  # session id
        i += 2 + int.from_bytes(record[i : i + 2], "big")  # cipher suites
        i += 1 + record[i]  # compression methods
        end = i + 2 + int.from_bytes(record[i : i + 2], "big")
        i += 2
        while i + 4 <= end:
            kind = int.from_bytes(record[i : i + 2], "big")
            size = int.from_bytes(record[i + 2 : i + 4], "big")
            if kind == 0:  # server_name: list length, type 0 (host_name), length, name
                name_len = int.from_bytes(record[i + 7 : i + 9], "big")
                return record[i + 9 : i + 9 + name_len].decode("ascii").lower().rstrip(".")
            i += 4 + size
    except (IndexError, UnicodeDecodeError):
        return _UNREADABLE
    return None
