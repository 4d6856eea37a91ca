"""Where a guarded request connects: only to an address that was checked just before.

``GuardedBackend`` is an httpcore2 network backend: it resolves the host once, checks
every answer and opens the socket to a checked IP, so there is no second lookup an
attacker could rebind. TLS still gets the host name (SNI and certificate check), and the
Host header comes from the URL. ``GuardedTransport`` checks each request's URL first
(every redirect hop passes through it too), and never uses a proxy from the environment.
"""

from __future__ import annotations

import functools
import logging
import ssl
from collections.abc import Iterable
from functools import partial
from ipaddress import IPv4Address, IPv6Address

import anyio.to_thread
import httpcore2
import httpx2

from clawkeep.decision import Deny
from clawkeep.guards.network_guard._check import (
    EXCEPTION_ALLOWED,
    Resolver,
    check_host,
    check_ip,
    default_resolver,
    resolve_checked,
)
from clawkeep.guards.network_guard._literal import address_of, parse_url
from clawkeep.guards.network_guard._policy import NetworkPolicy

__all__ = ["GuardedBackend", "GuardedTransport", "NetworkGuardRefused"]

_log = logging.getLogger("clawkeep.guards.network")


class NetworkGuardRefused(httpx2.TransportError):
    """A guarded client refused to connect; ``deny`` carries the reason code."""

    def __init__(self, deny: Deny, *, request: httpx2.Request | None = None) -> None:
        super().__init__(f"{deny.reason}: {deny.detail}", request=request)
        self.deny = deny


class _BackendRefused(httpcore2.ConnectError):
    def __init__(self, deny: Deny) -> None:
        super().__init__(f"{deny.reason}: {deny.detail}")
        self.deny = deny


class GuardedBackend(httpcore2.AsyncNetworkBackend):
    """Resolve, check every answer, connect to a checked address (never the name)."""

    def __init__(self, policy: NetworkPolicy, resolver: Resolver | None = None) -> None:
        self._policy = policy
        self._resolver = resolver or default_resolver
        self._inner = httpcore2.AnyIOBackend()

    async def _addresses(self, host: str) -> list[IPv4Address | IPv6Address]:
        literal = address_of(host) if "%" not in host else None
        if literal is not None:
            decision = check_ip(literal, self._policy)
            if isinstance(decision, Deny):
                raise _BackendRefused(decision)
            if decision.reason == EXCEPTION_ALLOWED:  # a widened policy was used: leave a trace
                _log.info("network_guard: %s: %s", decision.reason, decision.detail)
            return [literal]
        resolve = partial(resolve_checked, host, self._policy, self._resolver)
        resolved = await anyio.to_thread.run_sync(resolve)
        if isinstance(resolved, Deny):
            raise _BackendRefused(resolved)
        addresses, verdict = resolved
        if verdict.reason == EXCEPTION_ALLOWED:  # a widened policy was used: leave a trace
            _log.info("network_guard: %s: %s", verdict.reason, verdict.detail)
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore2.SOCKET_OPTION] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        failure: Exception = httpcore2.ConnectError(f"no address for {host}")
        for ip in await self._addresses(host):
            try:  # the socket goes to the checked IP; TLS and Host keep the name
                return await self._inner.connect_tcp(
                    str(ip), port, timeout, local_address, socket_options
                )
            except httpcore2.ConnectError as exc:
                failure = exc
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore2.SOCKET_OPTION] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        # a unix socket would reach local services past every address check
        raise _BackendRefused(Deny("network_guard.scheme", "unix sockets are never used"))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@functools.cache
def _default_tls() -> ssl.SSLContext:
    """One verifying TLS context for all guarded clients (loading CAs costs milliseconds)."""
    return httpx2.create_ssl_context(verify=True, trust_env=False)


class GuardedTransport(httpx2.AsyncHTTPTransport):
    """An httpx2 transport whose every connection passes the network-guard."""

    def __init__(
        self,
        policy: NetworkPolicy,
        resolver: Resolver | None = None,
        *,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        tls = tls or _default_tls()
        super().__init__(verify=tls, trust_env=False)  # env proxies would bypass the guard
        self._policy = policy
        self._pool = httpcore2.AsyncConnectionPool(
            ssl_context=tls,
            max_connections=10,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(policy, resolver),
        )

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        parsed = parse_url(str(request.url))
        if isinstance(parsed, Deny):
            raise NetworkGuardRefused(parsed, request=request)
        rule = check_host(parsed, self._policy)
        if isinstance(rule, Deny):
            raise NetworkGuardRefused(rule, request=request)
        try:
            return await super().handle_async_request(request)
        except httpx2.ConnectError as exc:
            if isinstance(exc.__cause__, _BackendRefused):
                raise NetworkGuardRefused(exc.__cause__.deny, request=request) from None
            raise
