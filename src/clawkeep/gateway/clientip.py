"""Who the client is: the TCP peer, unless that peer is a proxy the config trusts.

Behind a trusted proxy, X-Forwarded-For is walked right to left and trusted hops are
skipped; the first untrusted address is the client. X-Real-IP counts only with
`gateway.allowRealIpFallback`. A peer that is not trusted cannot name its own address.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from clawkeep.gateway.settings import IpNetwork

__all__ = ["client_ip"]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> IpAddress | None:
    value = text.strip().strip('"')
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1 and "." in value:
        value = value.split(":", 1)[0]  # ipv4:port
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IpAddress, proxies: tuple[IpNetwork, ...]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def client_ip(
    peer: str | None,
    forwarded_for: Iterable[str],
    real_ip: str | None,
    *,
    trusted_proxies: tuple[IpNetwork, ...],
    allow_real_ip_fallback: bool,
) -> str:
    """The client address for rate limiting and the access log."""
    peer_address = _parse(peer) if peer else None
    if peer_address is None:
        return peer or "unknown"
    if not _trusted(peer_address, trusted_proxies):
        # An untrusted peer's headers are its own claims: ignore them.
        return str(peer_address)
    hops = [hop for header in forwarded_for for hop in header.split(",") if hop.strip()]
    if hops:
        for hop in reversed(hops):
            address = _parse(hop)
            if address is None:
                # A hop we cannot read was written by the proxy chain, not trusted: stop here.
                return str(peer_address)
            if not _trusted(address, trusted_proxies):
                return str(address)
        first = _parse(hops[0])
        return str(first) if first is not None else str(peer_address)
    if allow_real_ip_fallback and real_ip:
        address = _parse(real_ip)
        if address is not None:
            return str(address)
    return str(peer_address)
