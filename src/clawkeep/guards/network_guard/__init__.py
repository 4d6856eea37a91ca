"""The network-guard: may an agent's outbound request reach this URL? (SSRF protection)

``check_url`` decides from the URL and every DNS answer; ``fetch`` and ``guarded_client``
enforce the same decision on the connection itself: each connection goes to an address
that was checked, redirects are followed by hand and re-checked, bodies are capped.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from clawkeep.guards.network_guard._check import (
    Resolver,
    check_address,
    check_host,
    check_url,
    default_resolver,
)
from clawkeep.guards.network_guard._literal import parse_url
from clawkeep.guards.network_guard._policy import NetworkPolicy, policy_from_config, widenings

if TYPE_CHECKING:
    from clawkeep.guards.network_guard._fetch import FetchResult, fetch, guarded_client
    from clawkeep.guards.network_guard._transport import NetworkGuardRefused

# The HTTP client is imported on first use: `clawkeep guard url` only needs the checks.
_LAZY = {
    "NetworkGuardRefused": "clawkeep.guards.network_guard._transport",
    "FetchResult": "clawkeep.guards.network_guard._fetch",
    "fetch": "clawkeep.guards.network_guard._fetch",
    "guarded_client": "clawkeep.guards.network_guard._fetch",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FetchResult",
    "NetworkGuardRefused",
    "NetworkPolicy",
    "Resolver",
    "check_address",
    "check_host",
    "check_url",
    "default_resolver",
    "fetch",
    "guarded_client",
    "parse_url",
    "policy_from_config",
    "widenings",
]
