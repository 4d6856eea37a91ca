"""The guarded fetch against real loopback listeners: refused URLs never connect."""

from __future__ import annotations

import asyncio
import http.server
from collections.abc import Callable, Coroutine, Sequence
from ipaddress import ip_network
from typing import Any

import httpx2
import pytest

from clawkeep.decision import Deny
from clawkeep.guards.network_guard import (
    FetchResult,
    NetworkGuardRefused,
    NetworkPolicy,
    fetch,
    guarded_client,
)
from tests.guards.network_guard.netguard_servers import http_server, trap

LOOPBACK_ALLOWED = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.0/8"),))


def answers(*ips: str) -> Callable[[str], Sequence[str]]:
    return lambda host: list(ips)


def redirect_to(
    location: str, status: int = 302
) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def run(coro: Coroutine[Any, Any, FetchResult | Deny]) -> FetchResult | Deny:
    return asyncio.run(coro)


@pytest.mark.parametrize(
    "template",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://2130706433:{port}/",
        "http://0x7f000001:{port}/",
        "http://0177.0.0.1:{port}/",
        "http://127.1:{port}/",
        "http://good.example.com@127.0.0.1:{port}/",
    ],
)
def test_loopback_url_forms_never_reach_a_loopback_listener(template: str) -> None:
    with trap() as listener:
        result = run(fetch(template.format(port=listener.port), NetworkPolicy()))
    assert isinstance(result, Deny)
    assert listener.connections == 0


def test_name_resolving_to_loopback_never_connects() -> None:
    with trap() as listener:
        url = f"http://innocent.example.com:{listener.port}/"
        result = run(fetch(url, NetworkPolicy(), resolver=answers("127.0.0.1")))
    assert isinstance(result, Deny)
    assert result.reason == "network_guard.loopback"
    assert listener.connections == 0


def test_one_private_answer_among_public_ones_refuses_the_name() -> None:
    with trap() as listener:
        url = f"http://mixed.example.com:{listener.port}/"
        resolver = answers("93.184.216.34", "127.0.0.1")
        result = run(fetch(url, NetworkPolicy(), resolver=resolver))
    assert isinstance(result, Deny)
    assert listener.connections == 0


def test_dns_rebinding_connects_only_to_the_address_that_was_checked() -> None:
    calls: list[str] = []
    sequence = [["127.0.0.2"], ["127.0.0.1"]]

    def rebinding(host: str) -> Sequence[str]:
        calls.append(host)
        return sequence[min(len(calls) - 1, 1)]

    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.2/32"),))
    with http_server({}, host="127.0.0.2") as checked, trap("127.0.0.1", checked.port) as bad:
        url = f"http://rebind.example.com:{checked.port}/"
        first = run(fetch(url, policy, resolver=rebinding))
        second = run(fetch(url, policy, resolver=rebinding))
    assert isinstance(first, FetchResult) and first.body == b"ok"
    assert len(checked.seen) == 1
    assert isinstance(second, Deny) and second.reason == "network_guard.loopback"
    assert bad.connections == 0
    assert len(calls) == 2  # one lookup per connection: no second lookup to rebind


def test_allowed_fetch_keeps_the_host_name_in_the_host_header() -> None:
    with http_server({}) as server:
        url = server.url("/x", host="svc.example.com")
        result = run(fetch(url, LOOPBACK_ALLOWED, resolver=answers("127.0.0.1")))
    assert isinstance(result, FetchResult)
    assert result.status == 200
    assert server.seen[0][1]["host"] == f"svc.example.com:{server.port}"


def test_redirect_to_cloud_metadata_is_refused_before_any_connection() -> None:
    with http_server({"/r": redirect_to("http://169.254.169.254/latest/meta-data/")}) as server:
        result = run(fetch(server.url("/r"), LOOPBACK_ALLOWED))
    assert isinstance(result, Deny)
    assert result.reason == "network_guard.metadata"


def test_redirect_to_a_refused_loopback_listener_never_connects() -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.2/32"),))
    with trap("127.0.0.1") as listener:
        routes = {"/r": redirect_to(f"http://127.0.0.1:{listener.port}/")}
        with http_server(routes, host="127.0.0.2") as server:
            result = run(fetch(server.url("/r"), policy))
    assert isinstance(result, Deny) and result.reason == "network_guard.loopback"
    assert listener.connections == 0


def test_redirect_to_a_name_that_resolves_inside_is_refused() -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.2/32"),))

    def resolver(host: str) -> Sequence[str]:
        return ["127.0.0.2"] if host == "start.example.com" else ["127.0.0.1"]

    with trap("127.0.0.1") as listener:
        target = f"http://inside.example.com:{listener.port}/"
        with http_server({"/r": redirect_to(target)}, host="127.0.0.2") as server:
            result = run(
                fetch(server.url("/r", host="start.example.com"), policy, resolver=resolver)
            )
    assert isinstance(result, Deny) and result.reason == "network_guard.loopback"
    assert listener.connections == 0


def test_redirect_chain_longer_than_the_limit_is_refused() -> None:
    routes = {f"/r{i}": redirect_to(f"/r{i + 1}") for i in range(5)}
    with http_server(routes) as server:
        result = run(fetch(server.url("/r0"), LOOPBACK_ALLOWED))
        paths = [path for path, _ in server.seen]
    assert isinstance(result, Deny) and result.reason == "network_guard.redirect_limit"
    assert paths == ["/r0", "/r1", "/r2", "/r3"]  # 3 redirects followed, the 4th refused


def test_redirect_within_the_limit_is_followed_and_recorded() -> None:
    with http_server({"/a": redirect_to("/b"), "/b": redirect_to("/c", 307)}) as server:
        result = run(fetch(server.url("/a"), LOOPBACK_ALLOWED))
    assert isinstance(result, FetchResult)
    assert result.body == b"ok"
    assert result.redirects == (server.url("/b"), server.url("/c"))


def test_credentials_are_not_carried_to_another_origin_on_redirect() -> None:
    secret = {"Authorization": "Bearer s3cr3t-token", "Cookie": "session=abc"}
    with http_server({}) as other:
        with http_server({"/r": redirect_to(other.url("/landing"))}) as first:
            result = run(fetch(first.url("/r"), LOOPBACK_ALLOWED, headers=secret))
        first_headers = first.seen[0][1]
    assert isinstance(result, FetchResult)
    assert first_headers["authorization"] == "Bearer s3cr3t-token"
    landing_headers = other.seen[0][1]
    assert "authorization" not in landing_headers
    assert "cookie" not in landing_headers


def test_credentials_stay_on_a_same_origin_redirect() -> None:
    with http_server({"/r": redirect_to("/landing")}) as server:
        run(fetch(server.url("/r"), LOOPBACK_ALLOWED, headers={"Authorization": "Bearer t0k"}))
    assert server.seen[1][1]["authorization"] == "Bearer t0k"


def _big_body(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.end_headers()  # no Content-Length: the cap must stop a streamed body
    try:
        for _ in range(64):
            handler.wfile.write(b"x" * 16384)
    except OSError:
        return


def _declared_big(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(10**9))
    handler.end_headers()


def test_streamed_body_over_the_cap_is_refused() -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.0/8"),), max_body_bytes=50_000)
    with http_server({"/big": _big_body}) as server:
        result = run(fetch(server.url("/big"), policy))
    assert isinstance(result, Deny) and result.reason == "network_guard.body_too_large"


def test_declared_body_over_the_cap_is_refused_before_reading() -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.0/8"),), max_body_bytes=1000)
    with http_server({"/big": _declared_big}) as server:
        result = run(fetch(server.url("/big"), policy))
    assert isinstance(result, Deny) and result.reason == "network_guard.body_too_large"


def test_guarded_client_refuses_loopback_with_a_reason_and_no_connection() -> None:
    async def go(url: str) -> None:
        async with guarded_client(NetworkPolicy()) as client:
            await client.get(url)

    with trap() as listener, pytest.raises(NetworkGuardRefused) as caught:
        asyncio.run(go(f"http://127.0.0.1:{listener.port}/"))
    assert caught.value.deny.reason == "network_guard.loopback"
    assert isinstance(caught.value, httpx2.TransportError)
    assert listener.connections == 0


def test_guarded_client_following_redirects_rechecks_each_hop() -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.2/32"),))

    async def go(url: str) -> None:
        async with guarded_client(policy) as client:
            await client.get(url, follow_redirects=True)

    with trap("127.0.0.1") as listener:
        routes = {"/r": redirect_to(f"http://127.0.0.1:{listener.port}/")}
        with http_server(routes, host="127.0.0.2") as server, pytest.raises(NetworkGuardRefused):
            asyncio.run(go(server.url("/r")))
    assert listener.connections == 0


def test_environment_proxy_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.2/32"),))
    with trap("127.0.0.1") as proxy, http_server({}, host="127.0.0.2") as server:
        proxy_url = f"http://127.0.0.1:{proxy.port}"
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
            monkeypatch.setenv(name, proxy_url)
        result = run(fetch(server.url("/direct"), policy))
    assert isinstance(result, FetchResult) and result.body == b"ok"
    assert [path for path, _ in server.seen] == ["/direct"]
    assert proxy.connections == 0  # a proxy would connect wherever it likes, unchecked


def test_tls_server_name_stays_on_the_host_name_while_connecting_to_the_checked_ip() -> None:
    with trap() as listener:
        url = f"https://svc.example.com:{listener.port}/"
        result = run(fetch(url, LOOPBACK_ALLOWED, resolver=answers("127.0.0.1")))
    assert isinstance(result, Deny) and result.reason == "network_guard.fetch_failed"
    assert listener.connections == 1
    assert b"svc.example.com" in listener.received[0]  # SNI in the ClientHello


@pytest.mark.parametrize("method", ["CONNECT", "TRACE", "PROPFIND"])
def test_tunnel_and_odd_methods_are_refused_before_connecting(method: str) -> None:
    with trap() as listener:
        url = f"http://svc.example.com:{listener.port}/"
        resolver = answers("127.0.0.1")
        result = run(fetch(url, LOOPBACK_ALLOWED, method=method, resolver=resolver))
    assert isinstance(result, Deny) and result.reason == "network_guard.method"
    assert listener.connections == 0


@pytest.mark.parametrize("header", ["Host", "transfer-encoding", "Content-Length"])
def test_caller_cannot_override_host_or_framing_headers(header: str) -> None:
    with trap() as listener:
        url = f"http://svc.example.com:{listener.port}/"
        headers = {header: "internal.service"}
        result = run(fetch(url, LOOPBACK_ALLOWED, headers=headers, resolver=answers("127.0.0.1")))
    assert isinstance(result, Deny) and result.reason == "network_guard.header"
    assert listener.connections == 0


def test_connection_allowed_only_by_a_widened_policy_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with http_server({}) as server, caplog.at_level("INFO", "clawkeep.guards.network"):
        result = run(fetch(server.url("/"), LOOPBACK_ALLOWED))
    assert isinstance(result, FetchResult)
    assert "network_guard.allowed_by_exception" in caplog.text
    assert "allowCidrs 127.0.0.0/8" in caplog.text


def test_closed_port_is_a_fetch_failure_value_not_an_exception() -> None:
    with trap() as listener:
        port = listener.port
    result = run(fetch(f"http://127.0.0.1:{port}/", LOOPBACK_ALLOWED))
    assert isinstance(result, Deny) and result.reason == "network_guard.fetch_failed"


@pytest.mark.parametrize(
    ("location", "code"),
    [
        ("//127.0.0.1:{port}/", "network_guard.loopback"),
        ("file:///etc/passwd", "network_guard.scheme"),
        ("gopher://127.0.0.1:{port}/_stats", "network_guard.scheme"),
        ("http://user:pw@127.0.0.1:{port}/", "network_guard.userinfo"),
        ("http://0x7f000001:{port}/", "network_guard.ip_literal_form"),
        ("http://[::ffff:127.0.0.1]:{port}/", "network_guard.loopback"),
        ("http://localhost:{port}/", "network_guard.loopback"),
    ],
)
def test_redirect_location_tricks_never_reach_a_loopback_listener(location: str, code: str) -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.2/32"),))
    with trap("127.0.0.1") as listener:
        routes = {"/r": redirect_to(location.format(port=listener.port))}
        with http_server(routes, host="127.0.0.2") as server:
            result = run(fetch(server.url("/r"), policy))
    assert isinstance(result, Deny) and result.reason == code
    assert listener.connections == 0


def test_head_of_a_large_resource_is_not_a_body_over_the_cap() -> None:
    def head(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(10**9))
        handler.end_headers()

    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.0/8"),), max_body_bytes=1000)
    with http_server({"/big": head}) as server:
        result = run(fetch(server.url("/big"), policy, method="HEAD"))
    assert isinstance(result, FetchResult) and result.status == 200 and result.body == b""
