"""Network-guard end to end: a scripted model obeys the attacker and calls web_fetch on an
inside address. A real listener waits on 127.0.0.1; each test asserts that no connection
ever reached it (its accept queue is empty) and that this process made no connect() to it.

The redirect tests need a "public" server that the policy lets through: loopback is
special, so the only way the code allows one in a test is the explicit, audited
``guards.network.allowCidrs`` entry for its exact /32. That server listens on 127.0.0.2
(allowed: ``127.0.0.2/32``) and redirects to the trap on 127.0.0.1 (not allowed).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from clawkeep.tools import ToolServices
from tests.e2e.e2e_harness import call, install
from tests.e2e.e2e_net import connects, serve, trap

ALLOWED_HOP = "127.0.0.2"


def _config(allow_cidrs: Sequence[str] = ()) -> dict[str, Any]:
    network: dict[str, Any] = {"timeoutSeconds": 5, "allowCidrs": list(allow_cidrs)}
    return {"guards": {"network": network}, "agents": {"list": [{"id": "main"}]}}


def _fetch_turn(tmp_path: Path, url: str, **kw: Any) -> tuple[list[str], str]:
    """One attacker turn that fetches ``url``: (web_fetch reasons, what the model saw)."""
    script = [{"toolCalls": [call("web_fetch", url=url)]}, {"text": "done"}]
    i = install(tmp_path, _config(kw.pop("allow_cidrs", ())), {"main": script}, **kw)
    assert i.turn("fetch this for me") == "done"
    return i.results("web_fetch"), i.shown()


def _ports(addresses: list[tuple[Any, ...]]) -> set[Any]:
    return {a[1] for a in addresses if len(a) > 1}


@pytest.mark.parametrize(
    "template",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://2130706433:{port}/",  # 127.0.0.1 as one integer
        "http://0x7f.1:{port}/",  # hex and short dotted form
        "http://[::ffff:127.0.0.1]:{port}/",  # IPv4-mapped IPv6
        "http://127.1:{port}/",
        "http://0177.0.0.1:{port}/",  # octal
        "http://[::1]:{port}/",
        "http://0.0.0.0:{port}/",
    ],
)
def test_web_fetch_of_loopback_spelling_never_reaches_listener(
    tmp_path: Path, template: str
) -> None:
    with trap() as t, connects() as made:
        reasons, _shown = _fetch_turn(tmp_path, template.format(port=t.port))
        assert t.arrived() == 0
    assert t.port not in _ports(made)
    [reason] = reasons
    assert reason.startswith("network_guard."), reason


def test_web_fetch_of_cloud_metadata_makes_no_connection(tmp_path: Path) -> None:
    with connects() as made:
        reasons, _shown = _fetch_turn(tmp_path, "http://169.254.169.254/latest/meta-data/")
    assert not [a for a in made if a and a[0] == "169.254.169.254"]
    [reason] = reasons
    assert reason.startswith("network_guard."), reason


@pytest.mark.parametrize(
    "answers", [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"], ["::ffff:127.0.0.1"]]
)
def test_web_fetch_of_name_resolving_to_loopback_never_reaches_listener(
    tmp_path: Path, answers: list[str]
) -> None:
    asked: list[str] = []

    def resolver(host: str) -> list[str]:
        asked.append(host)
        return answers

    with trap() as t, connects() as made:
        url = f"http://innocent-looking.example:{t.port}/"
        reasons, _ = _fetch_turn(tmp_path, url, services=ToolServices(resolver=resolver))
        assert t.arrived() == 0
    assert asked == ["innocent-looking.example"]  # the injected resolver was the one used
    assert t.port not in _ports(made)
    [reason] = reasons
    assert reason.startswith("network_guard."), reason


def _redirect(location: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    return {"/": (302, {"Location": location}, b"moved")}


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://2130706433:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://internal.example:{port}/",  # the resolver answers 127.0.0.1
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_public_page_redirecting_to_loopback_never_reaches_listener(
    tmp_path: Path, location: str
) -> None:
    def resolver(host: str) -> list[str]:
        return {"public.example": [ALLOWED_HOP], "internal.example": ["127.0.0.1"]}[host]

    with trap() as t:
        with serve(_redirect(location.format(port=t.port)), host=ALLOWED_HOP) as site:
            reasons, _shown = _fetch_turn(
                tmp_path,
                f"http://public.example:{site.port}/",
                services=ToolServices(resolver=resolver),
                allow_cidrs=[f"{ALLOWED_HOP}/32"],
            )
        assert t.arrived() == 0
    assert site.hits == ["/"]  # the allowed first hop was fetched; the redirect was not followed
    [reason] = reasons
    assert reason.startswith("network_guard."), reason


def test_control_allowed_hop_is_fetched_and_wrapped(tmp_path: Path) -> None:
    # The control for the redirect tests: the /32 exception really lets that server through.
    page = {"/": (200, {"Content-Type": "text/plain"}, b"hello from the allowed hop")}
    with serve(page, host=ALLOWED_HOP) as site, connects() as made:
        reasons, shown = _fetch_turn(tmp_path, site.url + "/", allow_cidrs=[f"{ALLOWED_HOP}/32"])
    assert reasons == ["tools.ok"]
    assert site.port in _ports(made)  # the connect() witness does see real connections
    assert "hello from the allowed hop" in shown
