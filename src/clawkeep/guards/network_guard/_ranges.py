"""Which IP addresses an agent may never reach, and why (one reason code per range).

Every special-purpose range is listed with its RFC. IPv6 is allowed only inside global
unicast 2000::/3, and IPv4 embedded in IPv6 (mapped, compatible, NAT64, 6to4, Teredo,
ISATAP) is decoded and checked again: Python 3.11's ``is_global`` is wrong for
NAT64 and 6to4, so it is never used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

__all__ = [
    "LOOPBACK",
    "METADATA",
    "PRIVATE",
    "WIDENABLE",
    "Classification",
    "classify",
]

IPAddress = IPv4Address | IPv6Address

METADATA = "network_guard.metadata"
LOOPBACK = "network_guard.loopback"
PRIVATE = "network_guard.private_address"
LINK_LOCAL = "network_guard.link_local"
UNSPECIFIED = "network_guard.unspecified"
MULTICAST = "network_guard.multicast"
RESERVED = "network_guard.reserved_address"
DOCUMENTATION = "network_guard.documentation_address"
TRANSITION = "network_guard.transition_address"

# Reasons that `allowPrivateNetwork` may widen; loopback, metadata and the rest never.
WIDENABLE = frozenset({PRIVATE, LINK_LOCAL})


@dataclass(frozen=True, slots=True)
class Classification:
    """Why an address is special; ``reason`` is None for an ordinary public address."""

    reason: str | None
    label: str = ""


_PUBLIC = Classification(None)

# Cloud and host metadata services: never reachable, whatever the policy widens.
_METADATA_HOSTS: frozenset[IPAddress] = frozenset(
    {
        IPv4Address("169.254.169.254"),  # AWS/GCP/Azure/DO/Hetzner/OpenStack IMDS
        IPv4Address("169.254.170.2"),  # AWS ECS task metadata and credentials
        IPv4Address("169.254.170.23"),  # AWS EKS Pod Identity credentials agent
        IPv4Address("169.254.0.23"),  # Tencent Cloud metadata (metadata.tencentyun.com)
        IPv4Address("169.254.42.42"),  # Scaleway instance metadata
        IPv4Address("169.254.169.250"),  # Rancher metadata
        IPv4Address("169.254.169.253"),  # AWS VPC DNS
        IPv4Address("169.254.169.123"),  # AWS time sync
        IPv4Address("100.100.100.200"),  # Alibaba Cloud metadata
        IPv4Address("192.0.0.192"),  # Oracle Cloud metadata
        IPv4Address("168.63.129.16"),  # Azure WireServer (a public-looking host service)
        IPv6Address("fd00:ec2::254"),  # AWS IMDS over IPv6
        IPv6Address("fd00:ec2::23"),  # AWS EKS Pod Identity credentials agent over IPv6
        IPv6Address("fd00:ec2::253"),  # AWS VPC DNS over IPv6
        IPv6Address("fd00:ec2::123"),  # AWS time sync over IPv6
        IPv6Address("fd00:42::42"),  # Scaleway instance metadata over IPv6
    }
)

_V4: tuple[tuple[IPv4Network, str, str], ...] = (
    (IPv4Network("0.0.0.0/8"), UNSPECIFIED, "this network (RFC 791, RFC 1122)"),
    (IPv4Network("10.0.0.0/8"), PRIVATE, "private (RFC 1918)"),
    (IPv4Network("100.64.0.0/10"), PRIVATE, "carrier-grade NAT (RFC 6598)"),
    (IPv4Network("127.0.0.0/8"), LOOPBACK, "loopback (RFC 1122)"),
    (IPv4Network("169.254.0.0/16"), LINK_LOCAL, "link-local (RFC 3927)"),
    (IPv4Network("172.16.0.0/12"), PRIVATE, "private (RFC 1918)"),
    (IPv4Network("192.0.0.0/24"), RESERVED, "IETF protocol assignments (RFC 6890)"),
    (IPv4Network("192.0.2.0/24"), DOCUMENTATION, "TEST-NET-1 (RFC 5737)"),
    (IPv4Network("192.31.196.0/24"), RESERVED, "AS112-v4 (RFC 7535)"),
    (IPv4Network("192.52.193.0/24"), RESERVED, "AMT (RFC 7450)"),
    (IPv4Network("192.88.99.0/24"), TRANSITION, "6to4 relay anycast (RFC 7526)"),
    (IPv4Network("192.168.0.0/16"), PRIVATE, "private (RFC 1918)"),
    (IPv4Network("192.175.48.0/24"), RESERVED, "AS112 direct delegation (RFC 7534)"),
    (IPv4Network("198.18.0.0/15"), RESERVED, "benchmarking (RFC 2544)"),
    (IPv4Network("198.51.100.0/24"), DOCUMENTATION, "TEST-NET-2 (RFC 5737)"),
    (IPv4Network("203.0.113.0/24"), DOCUMENTATION, "TEST-NET-3 (RFC 5737)"),
    (IPv4Network("224.0.0.0/4"), MULTICAST, "multicast (RFC 5771)"),
    (IPv4Network("240.0.0.0/4"), RESERVED, "reserved and broadcast (RFC 1112, RFC 919)"),
)

# Inside 2000::/3 (global unicast, RFC 4291): the special blocks that are not global.
_V6_IN_GLOBAL: tuple[tuple[IPv6Network, str, str], ...] = (
    (IPv6Network("2001:db8::/32"), DOCUMENTATION, "documentation (RFC 3849)"),
    (IPv6Network("3fff::/20"), DOCUMENTATION, "documentation (RFC 9637)"),
    (IPv6Network("2001::/23"), RESERVED, "IETF protocol assignments (RFC 2928, RFC 6890)"),
    (IPv6Network("5f00::/16"), RESERVED, "SRv6 SIDs (RFC 9602)"),
    (IPv6Network("2620:4f:8000::/48"), RESERVED, "AS112 direct delegation (RFC 7534)"),
)

# Outside 2000::/3 everything is refused; these give the precise reason.
_V6_OUTSIDE: tuple[tuple[IPv6Network, str, str], ...] = (
    (IPv6Network("::/128"), UNSPECIFIED, "unspecified (RFC 4291)"),
    (IPv6Network("::1/128"), LOOPBACK, "loopback (RFC 4291)"),
    (IPv6Network("100::/64"), RESERVED, "discard-only (RFC 6666)"),
    (IPv6Network("fc00::/7"), PRIVATE, "unique local (RFC 4193)"),
    (IPv6Network("fe80::/10"), LINK_LOCAL, "link-local (RFC 4291)"),
    (IPv6Network("fec0::/10"), PRIVATE, "site-local, deprecated (RFC 3879)"),
    (IPv6Network("ff00::/8"), MULTICAST, "multicast (RFC 4291)"),
)

_GLOBAL_UNICAST = IPv6Network("2000::/3")
_MAPPED = IPv6Network("::ffff:0:0/96")  # IPv4-mapped (RFC 4291 2.5.5.2)
_COMPAT = IPv6Network("::/96")  # IPv4-compatible, deprecated (RFC 4291 2.5.5.1)
_NAT64 = IPv6Network("64:ff9b::/96")  # well-known NAT64 prefix (RFC 6052)
_NAT64_LOCAL = IPv6Network("64:ff9b:1::/48")  # local-use NAT64 (RFC 8215)
_SIX_TO_FOUR = IPv6Network("2002::/16")  # 6to4 (RFC 3056), deprecated (RFC 7526)
_TEREDO = IPv6Network("2001::/32")  # Teredo (RFC 4380)
_ISATAP_MASK = 0xFCFFFFFF  # ISATAP ids 0000:5efe / 0200:5efe, u/g bits free (RFC 5214)


def classify(ip: IPAddress) -> Classification:
    """Say why ``ip`` must not be reached, or ``Classification(None)`` for a public one."""
    if ip in _METADATA_HOSTS:
        return Classification(METADATA, "cloud metadata service")
    if isinstance(ip, IPv4Address):
        return _classify_v4(ip)
    return _classify_v6(ip)


def _classify_v4(ip: IPv4Address) -> Classification:
    for net, reason, label in _V4:
        if ip in net:
            return Classification(reason, label)
    return _PUBLIC


def _embedded(ip: IPv6Address, shift: int) -> IPv4Address:
    return IPv4Address((int(ip) >> shift) & 0xFFFFFFFF)


def _via(inner: Classification, wrapper: str, fallback: str | None) -> Classification:
    """An embedded IPv4 keeps its own reason; a public one falls back to ``fallback``."""
    if inner.reason is not None:
        return Classification(inner.reason, f"{inner.label} inside {wrapper}")
    if fallback is None:
        return _PUBLIC
    return Classification(fallback, wrapper)


def _classify_v6(ip: IPv6Address) -> Classification:
    if ip in _MAPPED:  # the socket would reach the IPv4 address itself: check that one
        return _via(classify(_embedded(ip, 0)), "IPv4-mapped IPv6 (RFC 4291)", None)
    if ip in _NAT64:  # DNS64 networks answer with these for every IPv4-only site
        return _via(classify(_embedded(ip, 0)), "NAT64 64:ff9b::/96 (RFC 6052)", None)
    if ip in _NAT64_LOCAL:  # local-use translation: an operator's own network
        return _via(classify(_embedded(ip, 0)), "local-use NAT64 (RFC 8215)", TRANSITION)
    if ip in _COMPAT and int(ip) > 1:  # deprecated form, never routed as such
        return _via(classify(_embedded(ip, 0)), "IPv4-compatible IPv6 (RFC 4291)", RESERVED)
    if ip not in _GLOBAL_UNICAST:
        for net, reason, label in _V6_OUTSIDE:
            if ip in net:
                return Classification(reason, label)
        return Classification(RESERVED, "outside global unicast 2000::/3 (RFC 4291)")
    if ip in _SIX_TO_FOUR:  # relays are deprecated; the embedded address decides the reason
        return _via(classify(_embedded(ip, 80)), "6to4 2002::/16 (RFC 3056)", TRANSITION)
    if ip in _TEREDO:  # client address is stored inverted in the low 32 bits
        client = IPv4Address((int(ip) & 0xFFFFFFFF) ^ 0xFFFFFFFF)
        return _via(classify(client), "Teredo 2001::/32 (RFC 4380)", TRANSITION)
    for net, reason, label in _V6_IN_GLOBAL:
        if ip in net:
            return Classification(reason, label)
    if (int(ip) >> 32) & _ISATAP_MASK == 0x5EFE:  # the IPv4 tunnel end point is embedded
        return _via(classify(_embedded(ip, 0)), "ISATAP interface id (RFC 5214)", None)
    return _PUBLIC
