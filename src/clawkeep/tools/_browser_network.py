"""What the managed browser may reach, and the second check on every request it makes.

The egress proxy is the first check (every request goes through it, by address);
Playwright's request routing is the second: each request's URL, WebSocket included, must
be a web URL the network guard allows on the browser's domains and ports.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.guards.network_guard import NetworkPolicy, check_url, policy_from_config
from clawkeep.tools._browser_profile import check_navigation

if TYPE_CHECKING:
    from playwright.async_api import Route, WebSocketRoute

__all__ = [
    "BrowserNetwork",
    "Resolver",
    "browser_network",
    "decide_url",
    "route_request",
    "route_websocket",
]

Resolver = Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class BrowserNetwork:
    """What the browser may reach: the network guard's policy, its domains, its ports."""

    policy: NetworkPolicy
    domains: tuple[str, ...]
    ports: tuple[int, ...] = (80, 443)
    resolver: Resolver | None = None


def browser_network(config: RootConfig) -> BrowserNetwork:
    """`guards.network`, loosened only by `browser.ssrfPolicy.dangerouslyAllowPrivateNetwork`;
    the domains are `browser.ssrfPolicy.allowedHostnames`, else `guards.network.allowDomains`
    (neither set: the browser reaches nothing, as exec's egress)."""
    base = policy_from_config(config.guards.network)
    ssrf = config.browser.ssrf_policy
    if ssrf.dangerously_allow_private_network:
        base = replace(base, allow_private_network=True)
    domains = ssrf.allowed_hostnames or config.guards.network.allow_domains or ()
    return BrowserNetwork(base, tuple(d.strip().lower().rstrip(".") for d in domains))


async def decide_url(net: BrowserNetwork, url: str) -> Deny | None:
    """The refusal of one URL (a non-web scheme, a host the guard refuses), else None."""
    nav = check_navigation(url)
    if isinstance(nav, Deny):
        return nav
    policy = replace(net.policy, allow_domains=net.domains)
    decision = await asyncio.to_thread(check_url, url, policy, net.resolver)
    return decision if isinstance(decision, Deny) else None


async def route_request(net: BrowserNetwork, refused: list[tuple[str, str]], route: Route) -> None:
    """Let one request through, or abort it and note (reason, URL) in ``refused``."""
    url = route.request.url
    denied = await decide_url(net, url)
    if denied is not None:
        refused.append((denied.reason, url[:200]))
        await route.abort("blockedbyclient")
        return
    await route.continue_()


async def route_websocket(
    net: BrowserNetwork, refused: list[tuple[str, str]], ws: WebSocketRoute
) -> None:
    """Connect one WebSocket, or close it and note (reason, URL) in ``refused``."""
    url = ws.url.replace("ws://", "http://", 1).replace("wss://", "https://", 1)
    denied = await decide_url(net, url)
    if denied is not None:
        refused.append((denied.reason, ws.url[:200]))
        await ws.close(code=1008, reason="refused")
        return
    ws.connect_to_server()
