"""The public surface others import: pinned so a rename is a deliberate change."""

from __future__ import annotations

import clawkeep.guards.network_guard as network_guard


def test_exported_names_are_the_documented_api() -> None:
    assert set(network_guard.__all__) == {
        "FetchResult",
        "NetworkGuardRefused",
        "NetworkPolicy",
        "Resolver",
        "check_address",
        "check_host",
        "check_url",
        "default_resolver",
        "fetch",
        "guarded_client",
        "parse_url",
        "policy_from_config",
        "widenings",
    }
    for name in network_guard.__all__:
        assert getattr(network_guard, name) is not None
