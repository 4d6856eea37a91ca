"""The one way an agent fetches a URL: checked, pinned, redirect-checked and capped.

Redirects are followed here, by hand, at most ``policy.max_redirects`` times; each hop is
parsed and checked again by the guarded transport. The caller's headers (Authorization,
Cookie, X-Api-Key, any other) leave with the request only while it stays on the first
origin; a hop to another origin carries only Accept*, User-Agent and the body's type.
The body is streamed and the fetch is refused once it passes ``policy.max_body_bytes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import anyio
import httpx2

from clawkeep.decision import Deny
from clawkeep.guards.network_guard._check import Resolver, check_host
from clawkeep.guards.network_guard._literal import ParsedUrl, canonical_url, parse_url
from clawkeep.guards.network_guard._policy import NetworkPolicy
from clawkeep.guards.network_guard._transport import GuardedTransport, NetworkGuardRefused

__all__ = ["FetchResult", "fetch", "guarded_client"]

# What a hop to another origin may still carry: a caller's own header (X-Api-Key, a
# private token under any name) was meant for the first origin, so nothing else leaves.
_CROSS_ORIGIN_SAFE = frozenset({"accept", "accept-encoding", "accept-language", "user-agent"})
_BODY_HEADERS = frozenset({"content-type", "content-language"})  # only with the body
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_FIXED_HEADERS = frozenset(
    {"host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer"}
)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A response that passed the guard: final URL, status, headers, capped body."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    redirects: tuple[str, ...] = ()

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)


def guarded_client(policy: NetworkPolicy, resolver: Resolver | None = None) -> httpx2.AsyncClient:
    """An httpx2 client whose every request and redirect hop passes the network-guard.

    A refusal raises ``NetworkGuardRefused`` (an ``httpx2.TransportError``) with ``.deny``.
    """
    return httpx2.AsyncClient(
        transport=GuardedTransport(policy, resolver),
        trust_env=False,  # proxies and .netrc from the environment are not the agent's
        follow_redirects=False,
        max_redirects=policy.max_redirects,
        timeout=httpx2.Timeout(policy.timeout_seconds),
    )


async def fetch(
    url: str,
    policy: NetworkPolicy,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
    resolver: Resolver | None = None,
) -> FetchResult | Deny:
    """Fetch ``url`` under ``policy``; a refusal or a failed connection is a Deny.

    Reason codes: the guard's (``network_guard.loopback`` ...), ``network_guard.timeout``,
    ``network_guard.body_too_large``, ``network_guard.redirect_limit``, and
    ``network_guard.fetch_failed`` when the network itself failed.
    """
    method = method.upper()
    if method not in _METHODS:  # CONNECT/TRACE turn a fetch into a tunnel or an echo
        return Deny("network_guard.method", f"method {method!r} is not allowed")
    fixed = {k for k in headers or {} if k.lower() in _FIXED_HEADERS}
    if fixed:  # Host and framing come from the checked URL and the body, never the caller
        return Deny("network_guard.header", f"header {sorted(fixed)[0]!r} may not be set")
    parsed = parse_url(url)
    if isinstance(parsed, Deny):
        return parsed
    rule = check_host(parsed, policy)
    if isinstance(rule, Deny):
        return rule
    try:
        with anyio.fail_after(policy.timeout_seconds):  # whole fetch, slow bodies included
            async with guarded_client(policy, resolver) as client:
                sent = {"Accept-Encoding": "identity", **(headers or {})}  # no inflate bombs
                return await _follow(client, parsed, policy, method, sent, body)
    except NetworkGuardRefused as exc:
        return exc.deny
    except TimeoutError:
        return Deny("network_guard.timeout", f"no complete answer in {policy.timeout_seconds} s")
    except httpx2.RequestError as exc:  # refused port, reset, TLS or protocol failure
        return Deny("network_guard.fetch_failed", f"{type(exc).__name__}: {exc}")


def _hop_headers(headers: dict[str, str], same_origin: bool, with_body: bool) -> dict[str, str]:
    """The headers one hop sends: all of them on the first origin, a safe few elsewhere."""
    if same_origin:
        return headers
    kept = _CROSS_ORIGIN_SAFE | _BODY_HEADERS if with_body else _CROSS_ORIGIN_SAFE
    # credentials (Authorization, Cookie, or a custom X-Api-Key) were meant for the first
    # origin only: a redirect must not carry any header the caller set away, but a safe few
    return {k: v for k, v in headers.items() if k.lower() in kept}


async def _follow(
    client: httpx2.AsyncClient,
    first: ParsedUrl,
    policy: NetworkPolicy,
    method: str,
    headers: dict[str, str],
    body: bytes | None,
) -> FetchResult | Deny:
    current = first
    hops: list[str] = []
    while True:
        request = client.build_request(
            method,
            canonical_url(current),
            headers=_hop_headers(headers, current.origin == first.origin, body is not None),
            content=body,
        )
        response = await client.send(request, stream=True)
        try:
            if response.status_code not in _REDIRECTS or "location" not in response.headers:
                return await _read_capped(response, canonical_url(current), policy, hops)
            if len(hops) >= policy.max_redirects:  # long chains hide where a fetch ends
                return Deny("network_guard.redirect_limit", f"more than {policy.max_redirects}")
            target = _redirect_target(current, response.headers["location"], policy)
        finally:
            await response.aclose()
        if isinstance(target, Deny):
            return target
        if response.status_code == 303 or (response.status_code in (301, 302) and method == "POST"):
            method, body = "GET", None
        hops.append(canonical_url(target))
        current = target


def _redirect_target(current: ParsedUrl, location: str, policy: NetworkPolicy) -> ParsedUrl | Deny:
    try:
        joined = str(httpx2.URL(canonical_url(current)).join(location))
    except (httpx2.InvalidURL, ValueError):
        return Deny("network_guard.url_syntax", "redirect Location is not a URL")
    target = parse_url(joined)
    if isinstance(target, Deny):
        return Deny(target.reason, f"redirect: {target.detail}")
    rule = check_host(target, policy)  # each hop is checked like the first URL
    if isinstance(rule, Deny):
        return Deny(rule.reason, f"redirect: {rule.detail}")
    return target


async def _read_capped(
    response: httpx2.Response, url: str, policy: NetworkPolicy, hops: list[str]
) -> FetchResult | Deny:
    cap = policy.max_body_bytes
    declared = response.headers.get("content-length", "")
    head = response.request.method == "HEAD"
    if not head and declared.isdigit() and int(declared) > cap:  # refuse before reading
        return Deny("network_guard.body_too_large", f"Content-Length {declared} > {cap}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > cap:  # stop reading: the rest never reaches memory
            return Deny("network_guard.body_too_large", f"body passed {cap} bytes")
        chunks.append(chunk)
    return FetchResult(
        url=url,
        status=response.status_code,
        headers=tuple((k, v) for k, v in response.headers.multi_items()),
        body=b"".join(chunks),
        redirects=tuple(hops),
    )
