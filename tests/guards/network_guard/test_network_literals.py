"""URL, host and address decisions, one group per attack family (cases of our own)."""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import ip_network

import pytest
from pydantic import ValidationError

from clawkeep.config.schema.guard_network import NetworkGuardConfig
from clawkeep.decision import Allow, Deny
from clawkeep.guards.network_guard import (
    NetworkPolicy,
    check_address,
    check_url,
    policy_from_config,
    widenings,
)

DEFAULT = NetworkPolicy()


def public(host: str) -> Sequence[str]:
    return ["93.184.216.34"]


def no_dns(host: str) -> Sequence[str]:
    raise OSError("no DNS")


def reason(url: str, policy: NetworkPolicy = DEFAULT, resolver: object = public) -> str:
    decision = check_url(url, policy, resolver)  # type: ignore[arg-type]
    return decision.reason


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "network_guard.scheme"),
        ("ftp://example.com/", "network_guard.scheme"),
        ("dict://127.0.0.1:11211/stat", "network_guard.scheme"),
        ("jar:http://example.com!/", "network_guard.scheme"),
        ("javascript:alert(1)", "network_guard.scheme"),
        ("//example.com/", "network_guard.scheme"),
        ("HTTP:/example.com", "network_guard.url_syntax"),
        ("http:\\\\127.0.0.1\\", "network_guard.url_syntax"),
        ("http://exa mple.com/", "network_guard.url_syntax"),
        ("http://example.com/\r\nHost: 127.0.0.1", "network_guard.url_syntax"),
        ("http://example.com\t/", "network_guard.url_syntax"),
    ],
)
def test_non_http_schemes_and_broken_urls_are_refused(url: str, code: str) -> None:
    assert reason(url) == code


@pytest.mark.parametrize(
    "url",
    [
        "http://0x7f.0x0.0x0.0x1/",
        "http://0177.0000.0000.0001/",
        "http://127.000.000.001/",
        "http://127.0.0.1.1/",
        "http://1.2.3/",
        "http://1/",
        "http://0/",
        "http://0x/",
        "http://4294967295/",
        "http://1.2.3.4.5/",
        "http://example.0x10/",
        "http://[::1.2.3.4.5]/",
        "http://[1:2:3:4:5:6:7:8:9]/",
    ],
)
def test_ip_literal_forms_other_than_four_part_decimal_are_refused(url: str) -> None:
    decision = check_url(url, DEFAULT, public)
    assert isinstance(decision, Deny)
    assert decision.reason in {"network_guard.ip_literal_form", "network_guard.host_syntax"}


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.com@127.0.0.1/",
        "http://127.0.0.1:80@evil.com/",
        "http://user:pass@example.com/",
        "http://:@example.com/",
        "http://example.com\\@127.0.0.1/",
        "http://127.0.0.1\\.example.com/",
        "http://example.com%2f@127.0.0.1/",
        "http://%31%32%37.0.0.1/",
        "http://[::1%25eth0]/",
        "http://example.com:80:80/",
        "http://example.com:0/",
        "http://example.com:65536/",
        "http://example.com:8o/",
        "http://[::1]x/",
    ],
)
def test_authority_tricks_that_parsers_read_differently_are_refused(url: str) -> None:
    assert isinstance(check_url(url, DEFAULT, public), Deny)


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("0.0.0.0", "network_guard.unspecified"),
        ("127.0.0.1", "network_guard.loopback"),
        ("127.255.255.255", "network_guard.loopback"),
        ("10.1.2.3", "network_guard.private_address"),
        ("172.16.0.1", "network_guard.private_address"),
        ("192.168.1.1", "network_guard.private_address"),
        ("100.64.0.1", "network_guard.private_address"),
        ("169.254.1.1", "network_guard.link_local"),
        ("169.254.169.254", "network_guard.metadata"),
        ("169.254.170.2", "network_guard.metadata"),
        ("100.100.100.200", "network_guard.metadata"),
        ("168.63.129.16", "network_guard.metadata"),
        ("192.0.0.192", "network_guard.metadata"),
        ("224.0.0.251", "network_guard.multicast"),
        ("255.255.255.255", "network_guard.reserved_address"),
        ("198.19.0.1", "network_guard.reserved_address"),
        ("203.0.113.9", "network_guard.documentation_address"),
        ("::", "network_guard.unspecified"),
        ("::1", "network_guard.loopback"),
        ("fe80::1", "network_guard.link_local"),
        ("fe80::1%eth0", "network_guard.ip_literal_form"),
        ("fc00::1", "network_guard.private_address"),
        ("fd00:ec2::254", "network_guard.metadata"),
        ("ff02::1", "network_guard.multicast"),
        ("2001:db8::1", "network_guard.documentation_address"),
        ("3fff::1", "network_guard.documentation_address"),
        ("100::1", "network_guard.reserved_address"),
        ("::ffff:10.0.0.1", "network_guard.private_address"),
        ("::ffff:169.254.169.254", "network_guard.metadata"),
        ("::10.0.0.1", "network_guard.private_address"),
        ("::8.8.8.8", "network_guard.reserved_address"),
        ("64:ff9b::a9fe:a9fe", "network_guard.metadata"),
        ("64:ff9b::7f00:1", "network_guard.loopback"),
        ("64:ff9b:1::808:808", "network_guard.transition_address"),
        ("2002:7f00:1::", "network_guard.loopback"),
        ("2002:a9fe:a9fe::1", "network_guard.metadata"),
        ("2002:808:808::", "network_guard.transition_address"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "network_guard.loopback"),
        ("2001::1", "network_guard.reserved_address"),
        ("2001:4860::5efe:10.1.2.3", "network_guard.private_address"),
        ("2001:4860::200:5efe:127.0.0.1", "network_guard.loopback"),
        ("[::1]", "network_guard.loopback"),
        ("127.1", "network_guard.ip_literal_form"),
        ("0x7f000001", "network_guard.ip_literal_form"),
        ("010.0.0.1", "network_guard.ip_literal_form"),
    ],
)
def test_special_addresses_are_refused_with_their_range(address: str, code: str) -> None:
    decision = check_address(address, DEFAULT)
    assert isinstance(decision, Deny)
    assert decision.reason == code


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "2606:4700::1111",
        "64:ff9b::808:808",
        "::ffff:1.1.1.1",
    ],
)
def test_public_addresses_and_nat64_of_public_ipv4_are_allowed(address: str) -> None:
    assert check_address(address, DEFAULT).allowed


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://localhost/", "network_guard.loopback"),
        ("http://LOCALHOST./", "network_guard.loopback"),
        ("http://anything.localhost/", "network_guard.loopback"),
        ("http://ip6-localhost/", "network_guard.loopback"),
        ("http://metadata/", "network_guard.metadata"),
        ("http://metadata.google.internal./", "network_guard.metadata"),
        ("http://printer.local/", "network_guard.reserved_hostname"),
        ("http://db.internal/", "network_guard.reserved_hostname"),
        ("http://nas.home.arpa/", "network_guard.reserved_hostname"),
        ("http://intranet/", "network_guard.reserved_hostname"),
        ("http://hidden.onion/", "network_guard.reserved_hostname"),
    ],
)
def test_names_that_mean_this_machine_or_the_intranet_are_refused(url: str, code: str) -> None:
    assert reason(url) == code


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1./",
        "http://[0000:0000:0000:0000:0000:0000:0000:0001]/",
        "http://[::FFFF:7F00:0001]/",
        "http://[0:0:0:0:0:ffff:127.0.0.1]:8080/",
        "HTTP://LOCALHOST:80/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "http://[64:ff9b::169.254.169.254]/",
    ],
)
def test_spelling_variants_of_inside_addresses_are_refused(url: str) -> None:
    assert isinstance(check_url(url, DEFAULT, public), Deny)


def test_a_name_with_no_dns_answer_fails_closed() -> None:
    assert reason("https://example.com/", resolver=no_dns) == "network_guard.dns_failed"
    assert reason("https://example.com/", resolver=lambda h: []) == "network_guard.dns_failed"
    assert reason("https://example.com/", resolver=lambda h: ["not-an-ip"]) == (
        "network_guard.dns_failed"
    )
    assert reason("https://example.com/", resolver=lambda h: ["0177.0.0.1"]) == (
        "network_guard.dns_failed"
    )
    assert reason("https://example.com/", resolver=lambda h: ["fe80::1%eth0"]) == (
        "network_guard.link_local"
    )
    assert reason("https://example.com/", resolver=lambda h: ["0.0.0.0"]) == (
        "network_guard.unspecified"
    )


def test_every_dns_answer_is_checked_not_only_the_first() -> None:
    resolver = lambda host: ["93.184.216.34", "2606:2800::1", "::ffff:127.0.0.1"]  # noqa: E731
    assert reason("https://example.com/", resolver=resolver) == "network_guard.loopback"


def test_dns_answer_in_a_nat64_prefix_is_decoded() -> None:
    resolver = lambda host: ["64:ff9b::a9fe:a9fe"]  # noqa: E731
    assert reason("https://example.com/", resolver=resolver) == "network_guard.metadata"


def test_idn_host_is_normalised_before_the_ip_literal_check() -> None:
    assert reason("http://ⓔⓧⓐⓜⓟⓛⓔ.ⓒⓞⓜ/") == "network_guard.public"
    assert reason("http://１２７.０.０.１/") == "network_guard.loopback"
    assert reason("http://127。0。0。1/") == "network_guard.loopback"
    assert reason("http://０ｘ７ｆ.1/") == "network_guard.ip_literal_form"


def test_domain_allowlist_wildcard_matches_subdomains_only() -> None:
    policy = NetworkPolicy(allow_domains=("*.example.com", "api.other.org"))
    assert reason("https://a.example.com/", policy) == "network_guard.public"
    assert reason("https://a.b.example.com/", policy) == "network_guard.public"
    assert reason("https://example.com/", policy) == "network_guard.domain_not_allowed"
    assert reason("https://evilexample.com/", policy) == "network_guard.domain_not_allowed"
    assert reason("https://example.com.evil.net/", policy) == "network_guard.domain_not_allowed"
    assert reason("https://api.other.org/", policy) == "network_guard.public"
    assert reason("https://x.api.other.org/", policy) == "network_guard.domain_not_allowed"
    assert reason("https://8.8.8.8/", policy) == "network_guard.domain_not_allowed"


def test_allowlisted_domain_still_has_its_answers_checked() -> None:
    policy = NetworkPolicy(allow_domains=("*.example.com",))
    assert reason("https://a.example.com/", policy, lambda h: ["10.0.0.1"]) == (
        "network_guard.private_address"
    )


def test_block_direct_ip_refuses_public_literals_too() -> None:
    policy = NetworkPolicy(block_direct_ip=True)
    assert reason("http://8.8.8.8/", policy) == "network_guard.direct_ip"
    assert reason("http://[2606:4700::1111]/", policy) == "network_guard.direct_ip"
    assert reason("http://example.com/", policy) == "network_guard.public"


def test_private_network_allowance_is_explicit_and_reported() -> None:
    policy = NetworkPolicy(allow_private_network=True)
    decision = check_url("http://10.1.2.3/", policy)
    assert isinstance(decision, Allow)
    assert decision.reason == "network_guard.allowed_by_exception"
    assert "allowPrivateNetwork" in decision.detail
    assert reason("http://printer.local/", policy, lambda h: ["192.168.1.9"]) == (
        "network_guard.allowed_by_exception"
    )
    assert widenings(policy)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://169.254.169.254/",
        "http://localhost/",
        "http://[fd00:ec2::254]/",
    ],
)
def test_private_network_allowance_never_opens_loopback_or_metadata(url: str) -> None:
    assert isinstance(check_url(url, NetworkPolicy(allow_private_network=True), public), Deny)


def test_allowed_cidr_never_opens_metadata() -> None:
    policy = NetworkPolicy(allow_cidrs=(ip_network("169.254.0.0/16"),))
    assert reason("http://169.254.1.1/", policy) == "network_guard.allowed_by_exception"
    assert reason("http://169.254.169.254/", policy) == "network_guard.metadata"


def test_config_defaults_are_the_safe_choice_and_map_to_the_policy() -> None:
    policy = policy_from_config(NetworkGuardConfig())
    assert policy == NetworkPolicy()
    assert widenings(policy) == ()
    cfg = NetworkGuardConfig.model_validate(
        {"allowDomains": ["*.Example.com."], "allowCidrs": ["10.1.0.0/16"], "maxRedirects": 1}
    )
    policy = policy_from_config(cfg)
    assert policy.allow_domains == ("*.example.com",)
    assert policy.allow_cidrs == (ip_network("10.1.0.0/16"),)
    assert widenings(policy) == ("allowCidrs: 10.1.0.0/16 allowed although special",)


@pytest.mark.parametrize(
    "raw",
    [
        {"allowDomains": ["exa mple.com"]},
        {"allowDomains": ["*"]},
        {"allowCidrs": ["10.1.2.3/16"]},
        {"allowCidrs": ["localhost"]},
        {"maxRedirects": 10},
        {"maxBodyBytes": 0},
        {"allowPrivate": True},
    ],
)
def test_config_mistakes_are_rejected_with_the_key(raw: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        NetworkGuardConfig.model_validate(raw)
