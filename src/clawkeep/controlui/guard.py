"""The Control UI's request checks: the session cookie, CSRF and Origin, and its headers.

Every state-changing request needs all three: a live session (cookie), the CSRF token
bound to that session (header, compared in constant time), and an Origin that is the
page's own or listed exactly in `gateway.controlUi.allowedOrigins` (a wildcard is not
honoured). Browsers that say ``Sec-Fetch-Site: cross-site`` are refused outright.
"""

from __future__ import annotations

import hmac
import ipaddress

from starlette.requests import Request

from clawkeep.decision import Allow, Decision, Deny
from clawkeep.gateway.core import GatewayCore

__all__ = [
    "COOKIE",
    "CSP",
    "SECURE_COOKIE",
    "UI_HEADERS",
    "cookie_header",
    "core_of",
    "origin_decision",
    "secure_request",
    "session_cookie",
]

COOKIE = "clawkeep_ui"
SECURE_COOKIE = "__Host-clawkeep_ui"  # over TLS: no sibling host can set or shadow it
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; form-action 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'; "
    "report-uri /ui/api/csp-report"
)
UI_HEADERS = {
    "content-security-policy": CSP,
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def core_of(request: Request) -> GatewayCore:
    """The gateway this route is served by."""
    core = request.app.state.core
    assert isinstance(core, GatewayCore)
    return core


def secure_request(request: Request, core: GatewayCore) -> bool:
    """True when the browser reached us over TLS: directly, or per a trusted proxy."""
    if request.url.scheme in ("https", "wss"):
        return True
    peer = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    if not any(address in net for net in core.settings.trusted_proxies):
        return False  # anyone else's X-Forwarded-Proto is just a header
    proto = request.headers.get("x-forwarded-proto", "").split(",")[-1].strip().lower()
    return proto == "https"


def cookie_header(value: str, *, secure: bool, max_age: int) -> str:
    """The session cookie: HttpOnly, SameSite=Strict, Secure over TLS."""
    name = SECURE_COOKIE if secure else COOKIE
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Strict", f"Max-Age={max_age}"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def session_cookie(request: Request, core: GatewayCore) -> str | None:
    """The session cookie's value under the name this connection's security calls for."""
    return request.cookies.get(SECURE_COOKIE if secure_request(request, core) else COOKIE)


def origin_decision(
    request: Request, core: GatewayCore, *, host_fallback: bool = False
) -> Decision:
    """Whether a state-changing request comes from the UI's own page.

    The page's own origin is read from the Host header only where that header is
    trustworthy: on a loopback-only gateway (the middleware refuses every non-loopback
    Host) or when `dangerouslyAllowHostHeaderOriginFallback` says so. Beyond loopback a
    rebound DNS name would otherwise pass as "same origin".
    """
    if request.headers.get("sec-fetch-site", "") == "cross-site":
        return Deny("controlui.cross_origin", "cross-site requests are refused")
    origin = request.headers.get("origin")
    if origin is None:
        # Browsers send Origin on every POST; a request without one is not our page.
        return Deny("controlui.cross_origin", "an Origin header is required")
    normalized = origin.strip().rstrip("/").lower()
    host = request.headers.get("host", "").lower()
    scheme = "https" if secure_request(request, core) else "http"
    trusted_host = core.settings.loopback or host_fallback
    if trusted_host and host and normalized == f"{scheme}://{host}":
        return Allow("controlui.same_origin")
    if normalized in core.settings.allowed_origins and normalized != "*":
        return Allow("controlui.allowed_origin")  # listed exactly; "*" is never a match
    if not trusted_host and host and normalized == f"{scheme}://{host}":
        return Deny(
            "controlui.cross_origin",
            f"the gateway listens beyond loopback: add {normalized!r} to "
            "gateway.controlUi.allowedOrigins to use the Control UI from it",
        )
    return Deny("controlui.cross_origin", "this Origin may not drive the gateway")


def csrf_ok(expected: str, presented: str | None) -> bool:
    """The session's CSRF token, compared in constant time."""
    return presented is not None and hmac.compare_digest(expected.encode(), presented.encode())
