"""The Control UI and client API findings, on OpenClaw's ids, and the origin rule they
describe: a wildcard origin is never honoured, and beyond loopback the Host header is not
the UI's origin unless the dangerous fallback is switched on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.requests import Request

from clawkeep.audit.run import run_audit
from clawkeep.config import resolve_paths
from clawkeep.controlui.guard import origin_decision
from clawkeep.gateway.accesslog import AccessLog
from clawkeep.gateway.core import GatewayCore, GatewayServices
from tests.gateway.gateway_helpers import EchoHandler, settings

TOKEN = "0123456789abcdef" * 3


def _ids(tmp_path: Path, gateway: dict[str, Any]) -> dict[str, str]:
    state = tmp_path / "state"
    state.mkdir(mode=0o700, parents=True)
    config = state / "clawkeep.json"
    config.write_text(json.dumps({"gateway": {"auth": {"token": TOKEN}, **gateway}}))
    config.chmod(0o600)
    env = {"HOME": str(tmp_path)}
    report = run_audit(resolve_paths(env, config=config), env=env)
    return {f.check_id: f.severity for f in report.findings}


def test_defaults_report_none_of_these(tmp_path: Path) -> None:
    found = _ids(tmp_path, {})
    assert not {k for k in found if k.startswith(("gateway.control_ui", "gateway.http."))}


def test_wildcard_origin_warns_on_loopback_and_is_critical_beyond(tmp_path: Path) -> None:
    ui = {"controlUi": {"allowedOrigins": ["*"]}}
    assert _ids(tmp_path / "a", ui)["gateway.control_ui.allowed_origins_wildcard"] == "warn"
    remote = _ids(tmp_path / "b", {"bind": "lan", **ui})
    assert remote["gateway.control_ui.allowed_origins_wildcard"] == "critical"


def test_host_header_fallback_is_reported(tmp_path: Path) -> None:
    ui = {"bind": "lan", "controlUi": {"dangerouslyAllowHostHeaderOriginFallback": True}}
    assert _ids(tmp_path, ui)["gateway.control_ui.host_header_origin_fallback"] == "critical"


def test_client_api_beyond_loopback_is_reported(tmp_path: Path) -> None:
    api = {"http": {"endpoints": {"chatCompletions": {"enabled": True}}}}
    assert "gateway.http.endpoints_beyond_loopback" not in _ids(tmp_path / "a", api)
    remote = _ids(tmp_path / "b", {"bind": "lan", **api})
    assert remote["gateway.http.endpoints_beyond_loopback"] == "warn"


def _request(host: str, origin: str) -> Request:
    headers = [(b"host", host.encode()), (b"origin", origin.encode())]
    scope: dict[str, Any] = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": headers,
        "scheme": "http",
        "client": ("192.0.2.7", 5000),
    }
    return Request(scope)


def _core(**overrides: Any) -> GatewayCore:
    return GatewayCore(
        settings(**overrides), GatewayServices(handler=EchoHandler()), AccessLog(None, "info")
    )


def test_beyond_loopback_the_host_header_is_not_an_origin() -> None:
    lan = _core(hosts=("0.0.0.0",))
    rebound = _request("evil.example:18789", "http://evil.example:18789")
    refused = origin_decision(rebound, lan)
    assert refused.reason == "controlui.cross_origin"
    assert "gateway.controlUi.allowedOrigins" in refused.detail  # says how to fix it
    assert origin_decision(rebound, lan, host_fallback=True).allowed
    listed = _core(hosts=("0.0.0.0",), allowed_origins=frozenset({"https://gw.example"}))
    assert origin_decision(_request("gw.example", "https://gw.example"), listed).allowed
    loop = _core()
    assert origin_decision(_request("127.0.0.1:1", "http://127.0.0.1:1"), loop).allowed


def test_a_wildcard_origin_lets_nothing_in() -> None:
    core = _core(hosts=("0.0.0.0",), allowed_origins=frozenset({"*"}))
    for origin in ("*", "https://evil.example", "null"):
        assert not origin_decision(_request("gw.example", origin), core).allowed
