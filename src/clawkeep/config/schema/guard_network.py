"""Config keys of the network-guard (SSRF policy and domain allowlist): `guards.network`.

A missing key is the safe choice: any public host, no private network, at most 3
redirects, a 5 MiB body cap. Widening (``allowPrivateNetwork``, ``allowCidrs``) must be
spelled out, and the audit names it.
"""

from __future__ import annotations

import ipaddress
import re

from pydantic import Field, field_validator

from clawkeep.config.schema._base import Model

__all__ = ["NetworkGuardConfig"]

_DOMAIN_PATTERN = re.compile(
    r"^(\*\.)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$"
)


class NetworkGuardConfig(Model):
    """Settings of the network-guard (SSRF policy and domain allowlist)."""

    allow_domains: tuple[str, ...] | None = None
    """Hosts an agent may reach; ``None`` = any public host. ``*.example.com`` matches
    subdomains only, ``example.com`` only itself."""

    block_direct_ip: bool = False
    """Refuse URLs whose host is an IP literal (public or not)."""

    allow_private_network: bool = False
    """Explicit, audited: allow RFC 1918 / ULA / CGNAT / link-local answers and intranet
    names. Loopback and cloud metadata stay blocked (loopback only via ``allowCidrs``)."""

    allow_cidrs: tuple[str, ...] = ()
    """Explicit, audited: networks allowed even though they are special (e.g. a LAN
    service, or 127.0.0.1/32 for tests). Cloud metadata addresses are never allowed."""

    max_redirects: int = Field(default=3, ge=0, le=3)
    max_body_bytes: int = Field(default=5 * 1024 * 1024, ge=1, le=256 * 1024 * 1024)
    timeout_seconds: float = Field(default=15.0, gt=0, le=300)

    @field_validator("allow_domains")
    @classmethod
    def _domains_are_patterns(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        out = []
        for item in value:
            pattern = item.strip().lower().rstrip(".")
            if not _DOMAIN_PATTERN.match(pattern):
                msg = (
                    f"allowDomains entry {item!r} is not a host name or '*.name' pattern; "
                    "write e.g. 'example.com' or '*.example.com'"
                )
                raise ValueError(msg)
            out.append(pattern)
        return tuple(out)

    @field_validator("allow_cidrs")
    @classmethod
    def _cidrs_are_networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=True)
            except ValueError as exc:
                msg = (
                    f"allowCidrs entry {item!r} is not a network ({exc}); write e.g. '10.1.2.0/24'"
                )
                raise ValueError(msg) from None
        return value
