"""The network-guard: may an agent's outbound request reach this URL? (SSRF protection)

``check_url`` decides from the URL and every DNS answer; ``fetch`` and ``guarded_client``
enforce the same decision on the connection itself: each connection goes to an address
that was checked, redirects are followed by hand and re-checked, bodies are capped.
"""

from __future__ import annotations

from clawkeep.guards.network_guard._check import (
    Resolver,
    check_address,
    check_url,
    default_resolver,
)
from clawkeep.guards.network_guard._policy import NetworkPolicy, policy_from_config, widenings
from clawkeep.guards.network_guard._transport import NetworkGuardRefused
from clawkeep.guards.network_guard.fetch import FetchResult, fetch, guarded_client

__all__ = [
    "FetchResult",
    "NetworkGuardRefused",
    "NetworkPolicy",
    "Resolver",
    "check_address",
    "check_url",
    "default_resolver",
    "fetch",
    "guarded_client",
    "policy_from_config",
    "widenings",
]
