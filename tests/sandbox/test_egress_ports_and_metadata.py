"""Holes closed in the egress proxy: a port spelled with a non-ASCII digit, and cloud
credential endpoints reached through the proxy's destination check."""

from __future__ import annotations

from pathlib import Path

import pytest

from clawkeep.decision import Deny
from clawkeep.guards.network_guard import NetworkPolicy
from clawkeep.sandbox import SandboxSpec
from clawkeep.sandbox.egress import _target, check_destination, egress_proxy
from tests.sandbox.test_egress_proxy import _ask, _spec, upstream

__all__ = ["upstream"]


@pytest.mark.parametrize(
    "head",
    [
        b"CONNECT allowed.example:443\xb2 HTTP/1.1\r\n\r\n",  # latin-1 `443²`
        b"CONNECT allowed.example:\xb9 HTTP/1.1\r\n\r\n",
        b"GET http://allowed.example:80\xb3/ HTTP/1.1\r\n\r\n",
        b"CONNECT allowed.example:0000000443 HTTP/1.1\r\n\r\n",
    ],
)
def test_a_port_that_is_not_ascii_digits_is_not_a_target(head: bytes) -> None:
    assert _target(head) is None


def test_a_superscript_port_is_refused_and_the_proxy_keeps_serving(
    tmp_path: Path, upstream: tuple[int, list[str]]
) -> None:
    port, hits = upstream
    with egress_proxy(_spec(tmp_path, port)) as (_proxy, path):
        answer = _ask(path, f"CONNECT allowed.example:{port}".encode() + b"\xb2 HTTP/1.1\r\n\r\n")
        ok = f"GET http://allowed.example:{port}/ HTTP/1.1\r\nHost: allowed.example\r\n\r\n"
        after = _ask(path, ok.encode())
    assert answer.startswith(b"HTTP/1.1 403")  # as every refusal: the reason says why
    assert b"sandbox.egress_bad_request" in answer
    assert after.endswith(b"upstream")
    assert hits == ["/"]


def test_a_host_header_with_a_superscript_port_is_a_mismatch(
    tmp_path: Path, upstream: tuple[int, list[str]]
) -> None:
    port, hits = upstream
    head = f"GET http://allowed.example:{port}/ HTTP/1.1\r\nHost: allowed.example:".encode()
    with egress_proxy(_spec(tmp_path, port)) as (proxy, path):
        answer = _ask(path, head + b"\xb2\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 403")
    assert [d.reason for d in proxy.refused] == ["sandbox.egress_host_mismatch"]
    assert hits == []


@pytest.mark.parametrize("address", ["169.254.170.23", "169.254.0.23", "169.254.42.42"])
def test_credential_endpoints_are_refused_through_the_proxy(tmp_path: Path, address: str) -> None:
    answers = {"allowed.example": [address]}
    for policy in (NetworkPolicy(), NetworkPolicy(allow_private_network=True)):
        spec = SandboxSpec(
            workspace=tmp_path,
            egress_domains=("allowed.example", address),  # even listed by name and address
            network_policy=policy,
        )
        for host in ("allowed.example", address):
            decision = check_destination(host, 443, spec, lambda h: answers.get(h) or [])
            assert isinstance(decision, Deny)
            assert decision.reason == "network_guard.metadata"
