"""Whether a URL, host or address may be reached under a policy (no I/O but the resolver).

Order: URL syntax and scheme, then the host (IP literal form, direct-IP rule, reserved
names, domain allowlist), then every DNS answer. Any refused answer refuses the URL:
an attacker controls which answer a later connection would use.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from ipaddress import IPv4Address, IPv6Address

from clawkeep.decision import Allow, Deny
from clawkeep.guards.network_guard._literal import ParsedUrl, address_of, parse_url
from clawkeep.guards.network_guard._policy import NetworkPolicy
from clawkeep.guards.network_guard._ranges import METADATA, WIDENABLE, classify

__all__ = [
    "EXCEPTION_ALLOWED",
    "Resolver",
    "check_address",
    "check_host",
    "check_ip",
    "check_parsed",
    "check_url",
    "default_resolver",
    "resolve_checked",
]

Resolver = Callable[[str], Sequence[str]]
"""A host name -> the IP addresses (text) it resolves to; raises OSError on failure."""

EXCEPTION_ALLOWED = "network_guard.allowed_by_exception"
_ALLOWED = Allow("network_guard.public")

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_METADATA_NAMES = frozenset(
    {"metadata", "metadata.google.internal", "metadata.goog", "instance-data", "rancher-metadata"}
)
# Public-looking names of metadata services (they resolve to link-local addresses).
_METADATA_NAMES |= {"instance-data.ec2.internal", "metadata.tencentyun.com"}
# Names that never resolve to the public internet: RFC 6761 (.localhost, .invalid, .test),
# RFC 6762 (.local mDNS), RFC 8375 (.home.arpa), RFC 7686 (.onion), ICANN .internal,
# and common intranet suffixes.
_LOCALHOST_SUFFIXES = (".localhost",)
_INTRANET_SUFFIXES = (
    ".local",
    ".internal",
    ".localdomain",
    ".home.arpa",
    ".lan",
    ".intranet",
    ".corp",
    ".home",
    ".private",
)
_NEVER_SUFFIXES = (".onion", ".invalid", ".test")


def default_resolver(host: str) -> list[str]:
    """Resolve with the system resolver; every answer is returned so every one is checked."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_ip(ip: IPv4Address | IPv6Address, policy: NetworkPolicy) -> Allow | Deny:
    """Decide one parsed address: public, explicitly widened, or refused with its range."""
    found = classify(ip)
    if found.reason is None:
        return _ALLOWED
    if found.reason == METADATA:  # metadata hands out credentials: no policy widens it
        return Deny(METADATA, f"{ip} is a {found.label}")
    for net in policy.allow_cidrs:
        if ip.version == net.version and ip in net:  # explicit, audited allowance
            return Allow(EXCEPTION_ALLOWED, f"{ip} ({found.label}) allowed by allowCidrs {net}")
    if policy.allow_private_network and found.reason in WIDENABLE:
        return Allow(EXCEPTION_ALLOWED, f"{ip} ({found.label}) allowed by allowPrivateNetwork")
    return Deny(found.reason, f"{ip} is {found.label}")


def check_address(ip: str, policy: NetworkPolicy) -> Allow | Deny:
    """Decide an address given as text (strict forms only; ``[v6]`` brackets accepted)."""
    text = ip[1:-1] if ip.startswith("[") and ip.endswith("]") else ip
    parsed = address_of(text) if "%" not in text else None
    if parsed is None:
        return Deny("network_guard.ip_literal_form", f"{ip!r} is not a strict IP address")
    return check_ip(parsed, policy)


def check_host(parsed: ParsedUrl, policy: NetworkPolicy) -> Allow | Deny | None:
    """Rules on the host text; None means "a name to resolve"."""
    host = parsed.host
    if parsed.ip is not None:
        if policy.block_direct_ip:  # blockDirectIp: only named hosts
            return Deny("network_guard.direct_ip", f"{host} is an IP literal")
        if policy.allow_domains is not None and host not in policy.allow_domains:
            return Deny("network_guard.domain_not_allowed", f"{host} is not in allowDomains")
        return check_ip(parsed.ip, policy)
    if host in _METADATA_NAMES:
        return Deny(METADATA, f"{host} names a cloud metadata service")
    if host in _LOOPBACK_NAMES or host.endswith(_LOCALHOST_SUFFIXES):  # RFC 6761
        return Deny("network_guard.loopback", f"{host} is a loopback name")
    if host.endswith(_NEVER_SUFFIXES):
        return Deny("network_guard.reserved_hostname", f"{host} is a special-use name")
    intranet = "." not in host or host.endswith(_INTRANET_SUFFIXES)
    if intranet and not policy.allow_private_network:  # search domains, mDNS, intranet DNS
        return Deny("network_guard.reserved_hostname", f"{host} is an intranet name")
    if policy.allow_domains is not None and not _domain_allowed(host, policy.allow_domains):
        return Deny("network_guard.domain_not_allowed", f"{host} is not in allowDomains")
    return None


def _domain_allowed(host: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]):  # '*.example.com': subdomains only
                return True
        elif host == pattern:
            return True
    return False


def resolve_checked(
    host: str, policy: NetworkPolicy, resolver: Resolver
) -> tuple[list[IPv4Address | IPv6Address], Allow] | Deny:
    """Resolve ``host`` and check every answer; the addresses returned are the ones to use."""
    try:
        answers = list(resolver(host))
    except (OSError, UnicodeError) as exc:
        return Deny("network_guard.dns_failed", f"{host} did not resolve ({exc})")
    if not answers:
        return Deny("network_guard.dns_failed", f"{host} has no address")
    addresses: list[IPv4Address | IPv6Address] = []
    verdict: Allow = _ALLOWED
    for answer in answers:
        ip = address_of(answer)
        if ip is None:  # a resolver answer we cannot read is not trusted
            return Deny("network_guard.dns_failed", f"{host} answered {answer!r}")
        decision = check_ip(ip, policy)
        if isinstance(decision, Deny):  # one bad answer refuses all: rebinding picks it later
            return Deny(decision.reason, f"{host} resolves to {decision.detail}")
        if decision.reason == EXCEPTION_ALLOWED:
            verdict = decision
        addresses.append(ip)
    return addresses, verdict


def check_parsed(
    parsed: ParsedUrl, policy: NetworkPolicy, resolver: Resolver | None
) -> Allow | Deny:
    """Host rules, then (for names) every DNS answer."""
    rule = check_host(parsed, policy)
    if rule is not None:
        return rule
    resolved = resolve_checked(parsed.host, policy, resolver or default_resolver)
    return resolved if isinstance(resolved, Deny) else resolved[1]


def check_url(url: str, policy: NetworkPolicy, resolver: Resolver | None = None) -> Allow | Deny:
    """Decide whether ``url`` may be fetched: literal checks, then every DNS answer."""
    parsed = parse_url(url)
    if isinstance(parsed, Deny):
        return parsed
    return check_parsed(parsed, policy, resolver)
