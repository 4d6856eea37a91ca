"""One ASGI layer in front of every route: who is calling, from where, and with what.

For HTTP: security headers on every response, the Host check (DNS rebinding), refusal of
credentials in the query string, bearer-token auth with rate limiting, and the access log.
For WebSocket handshakes: the Host, Origin and query checks (auth is the endpoint's first
frame). Proxy headers are read only through `gateway.trustedProxies`.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clawkeep.gateway.auth import bearer_credential, query_has_credential
from clawkeep.gateway.clientip import client_ip
from clawkeep.gateway.core import GatewayCore
from clawkeep.gateway.peer_uid import is_same_user_peer
from clawkeep.gateway.settings import is_loopback_host

__all__ = ["SECURITY_HEADERS", "GatewayMiddleware", "owner_peer", "scope_client"]

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
_CLIENT_KEY = "clawkeep.client"
_HOST_SHAPE = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def scope_client(scope: Scope) -> str:
    """The client IP the middleware resolved for this connection."""
    return str(scope.get(_CLIENT_KEY, "unknown"))


def _header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _headers_all(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> list[str]:
    return [value.decode("latin-1") for key, value in headers if key.lower() == name]


# Any header a proxy adds about the client it forwards (x-forwarded-* by prefix).
_FORWARDING = frozenset(
    {
        b"x-real-ip",
        b"forwarded",
        b"via",
        b"x-client-ip",
        b"true-client-ip",
        b"cf-connecting-ip",
        b"fastly-client-ip",
        b"x-cluster-client-ip",
        b"x-original-forwarded-for",
    }
)


def owner_peer(scope: Scope) -> Callable[[], bool]:
    """Asked only when the limiter refuses: is the TCP peer our own user on this machine?"""

    def ask() -> bool:
        headers = scope.get("headers", [])
        names = [name.lower() for name, _ in headers]
        if any(n in _FORWARDING or n.startswith(b"x-forwarded-") for n in names):
            return False  # a local proxy's strangers are not the owner
        return is_same_user_peer(scope.get("client"), scope.get("server"))

    return ask


def _host_name(host: str) -> str:
    return (urlsplit("//" + host).hostname or "").lower()


class GatewayMiddleware:
    """Authenticates HTTP, screens WebSocket handshakes, stamps headers, logs access."""

    def __init__(
        self,
        app: ASGIApp,
        core: GatewayCore,
        public_paths: frozenset[str],
        public_prefixes: tuple[str, ...] = (),
        ws_path: str = "/ws",
    ) -> None:
        self.app = app
        self.core = core
        self.public_paths = public_paths
        self.public_prefixes = tuple(p.rstrip("/") + "/" for p in public_prefixes)
        self.ws_path = ws_path
        self._origin_hosts = frozenset(
            _host_name(urlsplit(o).netloc) for o in core.settings.allowed_origins
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        settings = self.core.settings
        headers = scope.get("headers", [])
        peer = scope.get("client")
        scope[_CLIENT_KEY] = client_ip(
            peer[0] if peer else None,
            _headers_all(headers, b"x-forwarded-for"),
            _header(headers, b"x-real-ip"),
            trusted_proxies=settings.trusted_proxies,
            allow_real_ip_fallback=settings.allow_real_ip_fallback,
        )
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        else:
            await self._websocket(scope, receive, send)

    def _public(self, path: str) -> bool:
        return path in self.public_paths or path.startswith(self.public_prefixes)

    def _host_ok(self, headers: Iterable[tuple[bytes, bytes]]) -> bool:
        if not self.core.settings.loopback:
            return True
        host = _header(headers, b"host")
        if host is None:
            return True
        if not _HOST_SHAPE.fullmatch(host):
            return False  # userinfo, paths or spaces have no business in a Host header
        name = _host_name(host)
        # A loopback server answers only to loopback names: a rebound DNS name is refused.
        return is_loopback_host(name) or name in self._origin_hosts

    def _origin_ok(self, headers: Iterable[tuple[bytes, bytes]]) -> bool:
        origin = _header(headers, b"origin")
        if origin is None:
            return True  # not a browser: browsers always send Origin on a WebSocket
        normalized = origin.strip().rstrip("/").lower()
        if normalized in self.core.settings.allowed_origins:
            return True
        host = urlsplit(normalized).hostname or ""
        # Another web site's page must not drive the operator's gateway from their browser.
        return self.core.settings.loopback and is_loopback_host(host)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = scope.get("headers", [])
        client = scope_client(scope)
        status_seen = {"status": 0}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_seen["status"] = message["status"]
                message = dict(message)
                own = message.get("headers", [])
                named = {name.lower() for name, _ in own}
                # A route that sets its own policy (the Control UI's CSP, which lets its
                # packaged scripts run) keeps it; every other response gets the strict one.
                extra = [h for h in SECURITY_HEADERS if h[0] not in named]
                message["headers"] = [*own, *extra]
            await send(message)

        auth = "gateway.auth.public"
        if not self._host_ok(headers):
            auth = "gateway.http.bad_host"
            await _refuse(send_with_headers, 421, auth)
        elif query_has_credential(scope.get("query_string", b"")):
            # Tokens in URLs leak into logs, history and Referer headers.
            auth = "gateway.auth.token_in_query"
            await _refuse(send_with_headers, 400, auth)
        elif self._public(scope["path"]):
            await self.app(scope, receive, send_with_headers)
        else:
            verdict = self.core.authenticator.verify(
                client, bearer_credential(headers), owner_peer(scope)
            )
            auth = verdict.decision.reason
            if verdict.decision.allowed:
                await self.app(scope, receive, send_with_headers)
            else:
                await asyncio.sleep(verdict.delay_s)  # each failure slows the next guess
                locked = auth in ("gateway.auth.locked_out", "gateway.auth.busy")
                await _refuse(send_with_headers, 429 if locked else 401, auth)
        self.core.access_log.record(
            client=client,
            method=scope.get("method"),
            path=scope.get("path"),
            status=status_seen["status"],
            auth=auth,
        )

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = scope.get("headers", [])
        refusal = None
        if not self._host_ok(headers):
            refusal = "gateway.http.bad_host"
        elif query_has_credential(scope.get("query_string", b"")):
            refusal = "gateway.auth.token_in_query"
        elif not self._origin_ok(headers):
            refusal = "gateway.ws.bad_origin"
        elif scope["path"] != self.ws_path and not self._public(scope["path"]):
            # Other WebSocket routes get no first-frame auth: they need the header.
            verdict = self.core.authenticator.verify(
                scope_client(scope), bearer_credential(headers), owner_peer(scope)
            )
            if not verdict.decision.allowed:
                await asyncio.sleep(verdict.delay_s)
                refusal = verdict.decision.reason
        if refusal is None:
            await self.app(scope, receive, send)
            return
        await receive()  # websocket.connect
        await send({"type": "websocket.close", "code": 1008, "reason": refusal})
        self.core.access_log.record(
            client=scope_client(scope), event="ws.refused", status=403, auth=refusal
        )


async def _refuse(send: Send, status: int, code: str) -> None:
    body = json.dumps({"ok": False, "error": code}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="clawkeep"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
