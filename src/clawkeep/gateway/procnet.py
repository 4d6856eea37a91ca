"""Which local addresses listen on a TCP port, read from /proc/net/tcp and tcp6 (Linux)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

__all__ = ["connections_on_port", "listening_addresses"]

_LISTEN = "0A"


def _address(hex_addr: str) -> str:
    raw = bytes.fromhex(hex_addr)
    if len(raw) == 4:
        return str(ipaddress.IPv4Address(raw[::-1]))
    # /proc prints IPv6 as four host-order (little-endian) 32-bit words.
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    address = ipaddress.IPv6Address(words)
    return str(address.ipv4_mapped) if address.ipv4_mapped is not None else str(address)


def listening_addresses(port: int, proc: Path = Path("/proc/net")) -> list[str] | None:
    """Addresses in LISTEN state on ``port``; None when /proc/net cannot be read."""
    found: list[str] = []
    readable = False
    for name in ("tcp", "tcp6"):
        try:
            lines = (proc / name).read_text().splitlines()[1:]
        except OSError:
            continue
        readable = True
        for line in lines:
            parts = line.split()
            if len(parts) < 4 or parts[3] != _LISTEN:
                continue
            hex_addr, _, hex_port = parts[1].partition(":")
            if int(hex_port, 16) == port:
                found.append(_address(hex_addr))
    return sorted(set(found)) if readable else None


def connections_on_port(port: int, proc: Path = Path("/proc/net")) -> int:
    """How many non-listening TCP sockets (connections, TIME_WAIT) use local ``port``."""
    count = 0
    for name in ("tcp", "tcp6"):
        try:
            lines = (proc / name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) < 4 or parts[3] == _LISTEN:
                continue
            if int(parts[1].rpartition(":")[2], 16) == port:
                count += 1
    return count
