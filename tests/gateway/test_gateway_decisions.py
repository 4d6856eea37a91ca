"""The gateway's decisions as values: startup refusals, secrets, client IPs, lockouts."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest

from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.gateway.clientip import client_ip
from clawkeep.gateway.preflight import Preflight, preflight
from clawkeep.gateway.ratelimit import AuthRateLimiter
from clawkeep.gateway.settings import RateLimitSettings
from clawkeep.gateway.tokens import constant_time_equal, generate_token, placeholder_secret

GOOD = "5a" * 24


def _plan(tree: dict[str, Any]) -> Preflight | Deny:
    return preflight(RootConfig.model_validate(tree))


@pytest.mark.parametrize(
    ("tree", "reason"),
    [
        (
            {"gateway": {"auth": {"token": GOOD}}, "hooks": {"token": GOOD}},
            "gateway.config.hooks_token_reuse",
        ),
        (
            {"gateway": {"auth": {"mode": "password", "password": GOOD}}, "hooks": {"token": GOOD}},
            "gateway.config.hooks_token_reuse",
        ),
        ({"gateway": {"auth": {"token": "changeme"}}}, "gateway.config.placeholder_secret"),
        (
            {"gateway": {"auth": {"token": "${OPENCLAW_GATEWAY_TOKEN}"}}},
            "gateway.config.placeholder_secret",
        ),
        ({"gateway": {"auth": {"token": "your-token-here"}}}, "gateway.config.placeholder_secret"),
        ({"hooks": {"token": "<token>"}}, "gateway.config.placeholder_secret"),
        ({"gateway": {"auth": {"token": "short"}}}, "gateway.config.weak_token"),
        (
            {"gateway": {"auth": {"token": GOOD, "password": "x" * 20}}},
            "gateway.config.ambiguous_auth",
        ),
        ({"gateway": {"auth": {"mode": "password"}}}, "gateway.config.missing_password"),
        (
            {"gateway": {"bind": "lan", "auth": {"mode": "none"}}},
            "gateway.config.unauthenticated_remote",
        ),
        (
            {
                "gateway": {
                    "bind": "custom",
                    "customBindHost": "192.0.2.1",
                    "auth": {"mode": "none"},
                }
            },
            "gateway.config.unauthenticated_remote",
        ),
        ({"gateway": {"bind": "tailnet"}}, "gateway.config.unsupported_bind"),
        ({"gateway": {"trustedProxies": ["not-an-ip"]}}, "gateway.config.bad_trusted_proxy"),
    ],
)
def test_unsafe_config_refuses_to_start(tree: dict[str, Any], reason: str) -> None:
    plan = _plan(tree)
    assert isinstance(plan, Deny)
    assert plan.reason == reason
    assert GOOD not in plan.detail


def test_no_auth_configured_asks_for_a_generated_token_on_loopback() -> None:
    plan = _plan({})
    assert isinstance(plan, Preflight)
    assert plan.generate_token
    assert plan.settings.auth.mode == "token"
    assert plan.settings.hosts == ("127.0.0.1", "::1")
    assert plan.settings.loopback


def test_unauthenticated_remote_only_when_spelled_out() -> None:
    plan = _plan(
        {
            "gateway": {
                "bind": "lan",
                "auth": {"mode": "none"},
                "dangerouslyAllowUnauthenticatedRemote": True,
            }
        }
    )
    assert isinstance(plan, Preflight)
    assert not plan.settings.loopback


def test_secret_never_in_repr() -> None:
    plan = _plan({"gateway": {"auth": {"token": GOOD}}})
    assert isinstance(plan, Preflight)
    assert GOOD not in repr(plan)


def test_generated_tokens_are_48_hex_and_distinct() -> None:
    tokens = {generate_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) == 48 and int(t, 16) >= 0 for t in tokens)
    assert not any(placeholder_secret(t) for t in tokens)


def test_constant_time_compare() -> None:
    assert constant_time_equal(GOOD, GOOD)
    assert not constant_time_equal(GOOD, GOOD[:-1])
    assert not constant_time_equal(GOOD, "")


PROXY = (ipaddress.ip_network("10.0.0.0/8"),)


@pytest.mark.parametrize(
    ("peer", "xff", "real", "fallback", "expected"),
    [
        ("203.0.113.5", ["1.2.3.4"], None, False, "203.0.113.5"),  # untrusted peer: ignored
        ("10.0.0.2", ["1.2.3.4, 10.0.0.9"], None, False, "1.2.3.4"),  # trusted hop skipped
        ("10.0.0.2", ["6.6.6.6, 1.2.3.4"], None, False, "1.2.3.4"),  # forged left part ignored
        ("10.0.0.2", ["6.6.6.6", "1.2.3.4"], None, False, "1.2.3.4"),  # two headers
        ("10.0.0.2", ["garbage"], None, False, "10.0.0.2"),
        ("10.0.0.2", [], "1.2.3.4", False, "10.0.0.2"),  # X-Real-IP needs the opt-in
        ("10.0.0.2", [], "1.2.3.4", True, "1.2.3.4"),
        ("203.0.113.5", [], "1.2.3.4", True, "203.0.113.5"),
        ("::ffff:10.0.0.2", ["1.2.3.4"], None, False, "1.2.3.4"),
    ],
)
def test_client_ip_trusts_only_configured_proxies(
    peer: str, xff: list[str], real: str | None, fallback: bool, expected: str
) -> None:
    got = client_ip(peer, xff, real, trusted_proxies=PROXY, allow_real_ip_fallback=fallback)
    assert got == expected


def test_lockout_after_window_failures_and_release_after_lockout() -> None:
    now = [0.0]
    limiter = AuthRateLimiter(
        RateLimitSettings(max_attempts=3, window_s=60, lockout_s=300), clock=lambda: now[0]
    )
    delays = [limiter.record_failure("1.2.3.4") for _ in range(2)]
    assert delays[1] > delays[0]  # the delay grows per failure
    assert limiter.check("1.2.3.4").allowed
    limiter.record_failure("1.2.3.4")
    assert limiter.check("1.2.3.4").reason == "gateway.auth.locked_out"
    assert limiter.check("5.6.7.8").allowed  # per client
    now[0] = 301.0
    assert limiter.check("1.2.3.4").allowed


def test_failures_outside_the_window_do_not_count() -> None:
    now = [0.0]
    limiter = AuthRateLimiter(RateLimitSettings(max_attempts=3, window_s=60), clock=lambda: now[0])
    for step in range(10):
        now[0] = step * 40.0
        limiter.record_failure("1.2.3.4")
    assert limiter.check("1.2.3.4").allowed


def test_rate_limit_table_is_bounded() -> None:
    limiter = AuthRateLimiter(RateLimitSettings(), max_clients=100)
    for n in range(1000):
        limiter.record_failure(f"10.0.{n // 256}.{n % 256}")
    assert len(limiter._clients) == 100
