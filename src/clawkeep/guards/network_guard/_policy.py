"""The network policy as one frozen value, built once from the typed config.

Widening the default (``allowPrivateNetwork``, ``allowCidrs``) is explicit, and
``widenings`` lists it in words so the audit and the event log can name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network

from clawkeep.config.schema.guard_network import NetworkGuardConfig

__all__ = ["NetworkPolicy", "policy_from_config", "widenings"]


@dataclass(frozen=True, slots=True)
class NetworkPolicy:
    """What an agent's outbound requests may reach. The defaults are the safe choice."""

    allow_domains: tuple[str, ...] | None = None
    block_direct_ip: bool = False
    allow_private_network: bool = False
    allow_cidrs: tuple[IPv4Network | IPv6Network, ...] = ()
    max_redirects: int = 3
    max_body_bytes: int = 5 * 1024 * 1024
    timeout_seconds: float = 15.0

    def __post_init__(self) -> None:
        if not 0 <= self.max_redirects <= 3:  # the issue caps redirect chains at 3 hops
            raise ValueError("max_redirects must be between 0 and 3")
        if self.max_body_bytes < 1 or self.timeout_seconds <= 0:
            raise ValueError("max_body_bytes and timeout_seconds must be positive")


def policy_from_config(cfg: NetworkGuardConfig) -> NetworkPolicy:
    """Turn the validated ``guards.network`` settings into the policy the guard applies."""
    return NetworkPolicy(
        allow_domains=cfg.allow_domains,
        block_direct_ip=cfg.block_direct_ip,
        allow_private_network=cfg.allow_private_network,
        allow_cidrs=tuple(ip_network(c, strict=True) for c in cfg.allow_cidrs),
        max_redirects=cfg.max_redirects,
        max_body_bytes=cfg.max_body_bytes,
        timeout_seconds=cfg.timeout_seconds,
    )


def widenings(policy: NetworkPolicy) -> tuple[str, ...]:
    """Each way ``policy`` is wider than the default, as a sentence (for the audit)."""
    out: list[str] = []
    if policy.allow_private_network:
        out.append("allowPrivateNetwork: private, CGNAT, ULA and link-local addresses allowed")
    out.extend(f"allowCidrs: {net} allowed although special" for net in policy.allow_cidrs)
    return tuple(out)
