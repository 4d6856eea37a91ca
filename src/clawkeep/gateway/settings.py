"""What the gateway runs with: the config's `gateway` section resolved into plain values.

The config says what the user asked for; these settings say what the server does (which
addresses, which auth secret, which proxies are trusted). Building them never reads a file.
"""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "AuthMode",
    "GatewaySettings",
    "IpNetwork",
    "RateLimitSettings",
    "ResolvedAuth",
    "is_loopback_host",
]

AuthMode = Literal["none", "token", "password"]
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class ResolvedAuth:
    """The one auth mode in force and its secret (never shown in a repr or a log)."""

    mode: AuthMode
    secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class RateLimitSettings:
    """Failed-auth limiting per client IP."""

    enabled: bool = True
    max_attempts: int = 10
    window_s: float = 60.0
    lockout_s: float = 300.0
    global_max_failures: int = 100  # wrong credentials compared per window, all clients
    delay_step_s: float = 0.1  # added per recent failure before a refusal is answered
    delay_max_s: float = 2.0


@dataclass(frozen=True, slots=True)
class GatewaySettings:
    """Everything the app and the server need, resolved and validated."""

    auth: ResolvedAuth
    hosts: tuple[str, ...] = ("127.0.0.1", "::1")
    port: int = 18789
    rate_limit: RateLimitSettings = RateLimitSettings()
    trusted_proxies: tuple[IpNetwork, ...] = ()
    allow_real_ip_fallback: bool = False
    allowed_origins: frozenset[str] = frozenset()
    log_level: str = "info"
    max_frame_bytes: int = 64 * 1024
    auth_timeout_s: float = 10.0

    @property
    def loopback(self) -> bool:
        """True when every listening address is a loopback address."""
        return all(is_loopback_host(host) for host in self.hosts)


@functools.lru_cache(maxsize=1024)
def is_loopback_host(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and the name localhost (brackets and case ignored)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
