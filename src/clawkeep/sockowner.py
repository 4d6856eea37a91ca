"""Which user owns the other end of a socket on this machine: the kernel's record of it.

The kernel records the owner uid of every socket; no byte the peer sends can change it.
A TCP socket is looked up by its address pair over netlink (NETLINK_SOCK_DIAG, one hash
lookup in the kernel, ~50 µs), so asking during a connection flood stays cheap;
/proc/net/tcp (a walk over every socket) is only the fallback. A unix socket's peer is
read with SO_PEERCRED (the credentials its listener or connector had). The gateway asks
who a loopback client is; the Signal channel asks who listens where its daemon should.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

__all__ = ["ConnectedSocket", "proc_socket_uid", "socket_uid", "tcp_peer_uid", "unix_peer_uid"]


@runtime_checkable
class ConnectedSocket(Protocol):
    """A socket.socket, or asyncio's TransportSocket wrapping one."""

    @property
    def family(self) -> int: ...

    def getsockname(self) -> Any: ...

    def getpeername(self) -> Any: ...

    def getsockopt(self, level: int, option: int, buflen: int, /) -> bytes: ...


def _hex_v4(ip: ipaddress.IPv4Address) -> str:
    return ip.packed[::-1].hex().upper()


def _hex_v6(ip: ipaddress.IPv6Address) -> str:
    raw = ip.packed
    return "".join(raw[i : i + 4][::-1].hex().upper() for i in range(0, 16, 4))


def _endpoint(host: str, port: int) -> tuple[str, str] | None:
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv4Address):
        return "tcp", f"{_hex_v4(ip)}:{port:04X}"
    return "tcp6", f"{_hex_v6(ip)}:{port:04X}"


_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY = 20
_NLM_F_REQUEST = 1
_NO_COOKIE = 0xFFFFFFFF
_UID_OFFSET = 16 + 64  # netlink header, then inet_diag_msg's uid


def _diag_uid(client: tuple[str, int], server: tuple[str, int]) -> int | None:
    family = socket.AF_INET6 if ":" in client[0] else socket.AF_INET

    def address(ip: str) -> bytes:
        raw = socket.inet_pton(family, ip)
        return raw + b"\0" * (16 - len(raw))

    sockid = (
        struct.pack(">HH", client[1], server[1])
        + address(client[0])
        + address(server[0])
        + struct.pack("=III", 0, _NO_COOKIE, _NO_COOKIE)
    )
    request = struct.pack("=BBBBI", family, socket.IPPROTO_TCP, 0, 0, 0xFFFFFFFF) + sockid
    header = struct.pack("=IHHII", 16 + len(request), _SOCK_DIAG_BY_FAMILY, _NLM_F_REQUEST, 1, 0)
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_SOCK_DIAG) as link:
        link.settimeout(1.0)
        link.send(header + request)
        answer = link.recv(65536)
    if len(answer) < _UID_OFFSET + 4:
        return None
    (kind,) = struct.unpack_from("=H", answer, 4)
    if kind != _SOCK_DIAG_BY_FAMILY:
        return None  # NLMSG_ERROR: no such socket
    (uid,) = struct.unpack_from("=I", answer, _UID_OFFSET)
    return int(uid)


def socket_uid(
    client: tuple[str, int], server: tuple[str, int], proc: Path = Path("/proc/net")
) -> int | None:
    """The uid owning the client end of the TCP connection ``client`` -> ``server``."""
    try:
        return _diag_uid((client[0].split("%", 1)[0], client[1]), server)
    except (OSError, ValueError, struct.error):
        return proc_socket_uid(client, server, proc)  # no netlink here: read the tables


def proc_socket_uid(
    client: tuple[str, int], server: tuple[str, int], proc: Path = Path("/proc/net")
) -> int | None:
    """``socket_uid`` from /proc/net/tcp{,6} (a walk over every socket: the fallback)."""
    local, remote = _endpoint(*client), _endpoint(*server)
    if local is None or remote is None or local[0] != remote[0]:
        return None
    try:
        text = (proc / local[0]).read_text()
    except OSError:
        return None
    needle = f" {local[1]} {remote[1]} "
    at = text.find(needle)
    if at < 0:
        return None
    fields = text[at : text.find("\n", at)].split()
    # fields: local rem st tx:rx tr:when retrnsmt uid ...
    try:
        return int(fields[6])
    except (IndexError, ValueError):
        return None


def tcp_peer_uid(sock: ConnectedSocket) -> int | None:
    """The uid owning the far end of the connected TCP socket ``sock`` (the accepting
    socket, which the kernel gives its listener's owner); None when it is not on this
    machine's network namespace or cannot be found."""
    try:
        local, peer = sock.getsockname(), sock.getpeername()
    except OSError:
        return None
    # The far end's socket is the one whose own address is our peer and whose peer is us.
    return socket_uid((str(peer[0]), int(peer[1])), (str(local[0]), int(local[1])))


def unix_peer_uid(sock: ConnectedSocket) -> int | None:
    """The uid of the process on the other end of the connected unix socket ``sock``."""
    size = struct.calcsize("3i")
    try:
        raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, size)
    except OSError:
        return None
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)
