"""Holes closed in the network guard: credential endpoints of clouds the metadata
list missed, and caller headers other than Authorization following a redirect away."""

from __future__ import annotations

import asyncio
from ipaddress import ip_network

import pytest

from clawkeep.decision import Deny
from clawkeep.guards.network_guard import FetchResult, NetworkPolicy, check_url, fetch
from tests.guards.network_guard.netguard_servers import http_server
from tests.guards.network_guard.test_network_fetch import redirect_to

PUBLIC = lambda host: ["93.184.216.34"]  # noqa: E731
WIDE = NetworkPolicy(
    allow_private_network=True,
    allow_cidrs=(ip_network("169.254.0.0/16"), ip_network("fd00::/8")),
)
LOOPBACK_ALLOWED = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.0/8"),))


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.170.23/v1/credentials",  # EKS Pod Identity agent
        "http://[fd00:ec2::23]/v1/credentials",  # the same over IPv6
        "http://169.254.0.23/",  # Tencent Cloud metadata
        "http://169.254.42.42/",  # Scaleway metadata
        "http://[fd00:42::42]/",  # Scaleway metadata over IPv6
        "http://[::ffff:169.254.170.23]/",  # any spelling of them
        "http://[fd00:ec2::253]/",  # AWS VPC DNS over IPv6
        "http://metadata.tencentyun.com/latest/meta-data/",
        "http://instance-data.ec2.internal/latest/meta-data/",
    ],
)
def test_cloud_credential_endpoints_are_metadata_whatever_the_policy_widens(url: str) -> None:
    for policy in (NetworkPolicy(), WIDE):
        decision = check_url(url, policy, PUBLIC)
        assert isinstance(decision, Deny)
        assert decision.reason == "network_guard.metadata"


def test_a_name_resolving_to_a_credential_endpoint_is_metadata() -> None:
    decision = check_url("https://pods.example.com/", WIDE, lambda h: ["169.254.170.23"])
    assert isinstance(decision, Deny)
    assert decision.reason == "network_guard.metadata"


def test_link_local_neighbours_of_the_endpoints_keep_their_own_reason() -> None:
    decision = check_url("http://169.254.0.24/", NetworkPolicy(), PUBLIC)
    assert isinstance(decision, Deny)
    assert decision.reason == "network_guard.link_local"


def test_custom_credential_headers_do_not_follow_a_redirect_to_another_origin() -> None:
    sent = {
        "X-Api-Key": "K-s3cr3t",
        "Private-Token": "glpat-s3cr3t",
        "Authorization": "Bearer s3cr3t",
        "Accept": "application/json",
        "User-Agent": "clawkeep-test",
    }
    with http_server({}) as other:
        with http_server({"/r": redirect_to(other.url("/landing"))}) as first:
            result = asyncio.run(fetch(first.url("/r"), LOOPBACK_ALLOWED, headers=sent))
        assert isinstance(result, FetchResult)
        assert first.seen[0][1]["x-api-key"] == "K-s3cr3t"  # the first origin gets them all
        landing = other.seen[0][1]
    assert "x-api-key" not in landing
    assert "private-token" not in landing
    assert "authorization" not in landing
    assert landing["accept"] == "application/json"
    assert landing["user-agent"] == "clawkeep-test"
    assert landing["accept-encoding"] == "identity"  # still no inflate bombs


def test_custom_headers_stay_on_a_same_origin_redirect() -> None:
    with http_server({"/r": redirect_to("/landing")}) as server:
        asyncio.run(fetch(server.url("/r"), LOOPBACK_ALLOWED, headers={"X-Api-Key": "K"}))
    assert server.seen[1][1]["x-api-key"] == "K"


def test_a_307_to_another_origin_keeps_the_body_type_but_not_the_key() -> None:
    sent = {"X-Api-Key": "K", "Content-Type": "application/json"}
    with http_server({}) as other:
        target = other.url("/landing")
        with http_server({"/r": redirect_to(target, status=307)}) as first:
            asyncio.run(
                fetch(first.url("/r"), LOOPBACK_ALLOWED, method="POST", headers=sent, body=b"{}")
            )
        landing = other.seen[0][1]
    assert landing["content-type"] == "application/json"
    assert "x-api-key" not in landing


def test_a_303_to_another_origin_drops_the_body_type_with_the_body() -> None:
    sent = {"Content-Type": "application/json"}
    with http_server({}) as other:
        with http_server({"/r": redirect_to(other.url("/landing"), status=303)}) as first:
            asyncio.run(
                fetch(first.url("/r"), LOOPBACK_ALLOWED, method="POST", headers=sent, body=b"{}")
            )
        landing = other.seen[0][1]
    assert "content-type" not in landing
