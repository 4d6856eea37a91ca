"""`audit --deep` probes against real listeners: the gateway, an impostor, nothing at all."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clawkeep.audit.deep import deep_findings
from clawkeep.audit.probe import probe_findings
from clawkeep.config import InstallPaths, LoadedConfig, RootConfig
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.procnet import listening_addresses
from tests.gateway.gateway_helpers import EchoHandler, RunningGateway, settings


def _config(port: int, **gateway: object) -> RootConfig:
    return RootConfig.model_validate({"gateway": {"port": port, **gateway}})


def _ids(config: RootConfig) -> dict[str, str]:
    return {f.check_id: f.severity for f in probe_findings(config, timeout=5)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _OpenHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def impostor() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OpenHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_unreachable_gateway_is_a_probe_failed_finding_not_a_crash() -> None:
    assert _ids(_config(_free_port())) == {"gateway.probe_failed": "warn"}


def test_real_gateway_refuses_and_listens_only_on_loopback(gateway: RunningGateway) -> None:
    findings = probe_findings(_config(gateway.port), timeout=5)
    assert [f.check_id for f in findings] == ["gateway.probe.ok"]
    assert "127.0.0.1" in findings[0].detail


def test_listener_that_answers_without_a_token_is_critical(impostor: int) -> None:
    ids = _ids(_config(impostor))
    assert ids["gateway.probe.unauthenticated_access"] == "critical"
    assert ids["gateway.probe.wrong_token_accepted"] == "critical"


def test_wildcard_listener_on_a_loopback_config_is_critical(echo: EchoHandler) -> None:
    gw = RunningGateway(settings(hosts=("0.0.0.0",)), GatewayServices(handler=echo))
    try:
        assert "0.0.0.0" in (listening_addresses(gw.port) or [])
        ids = _ids(_config(gw.port))
        assert ids["gateway.probe.unexpected_listener"] == "critical"
    finally:
        gw.stop()


def test_deep_findings_combine_probe_and_plugin_scan(tmp_path: Path) -> None:
    state = tmp_path / "state"
    (state / "extensions" / "x").mkdir(parents=True)
    (state / "extensions" / "x" / "p.py").write_text("import subprocess\n")
    paths = InstallPaths("clawkeep", state, state / "clawkeep.json")
    loaded = LoadedConfig(_config(_free_port()), paths, exists=False)
    ids = {f.check_id for f in deep_findings(loaded, timeout=5)}
    assert ids == {"gateway.probe_failed", "plugins.code_safety.subprocess"}


def test_openclaw_gateway_is_not_misjudged_by_clawkeep_protocol_probes(
    impostor: int, tmp_path: Path
) -> None:
    # OpenClaw's control UI answers 200 for any path: only listeners are judged there.
    paths = InstallPaths("openclaw", tmp_path, tmp_path / "openclaw.json")
    loaded = LoadedConfig(_config(impostor), paths, exists=True)
    ids = {f.check_id for f in deep_findings(loaded, timeout=5)}
    assert ids == {"gateway.probe.auth_not_probed"}
