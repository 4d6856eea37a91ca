"""Probes of the running gateway for `security audit --deep`: does it behave as configured?

Reachable? Refuses a request without a credential and one with a wrong credential, over
HTTP and WebSocket? Listens only where the config asked? The probe never sends the real
token (a wrong one is random), and an unreachable gateway is a finding, not a crash.
"""

from __future__ import annotations

import contextlib
import http.client
import json
from dataclasses import dataclass

from websockets.exceptions import InvalidHandshake, WebSocketException
from websockets.sync.client import connect

from clawkeep.audit.finding import Finding, Severity
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.gateway.preflight import bind_hosts
from clawkeep.gateway.procnet import listening_addresses
from clawkeep.gateway.settings import is_loopback_host
from clawkeep.gateway.tokens import generate_token

__all__ = ["ProbeResult", "probe_findings", "probe_gateway"]


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What the probes saw. None: that probe could not tell."""

    host: str
    port: int
    reachable: bool
    error: str = ""
    http_unauthenticated_status: int | None = None
    http_wrong_token_status: int | None = None
    ws_unauthenticated_answered: bool | None = None
    listeners: tuple[str, ...] | None = None


def _http_status(host: str, port: int, path: str, headers: dict[str, str], timeout: float) -> int:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read(65536)
        return response.status
    finally:
        conn.close()


def _ws_answers_without_auth(host: str, port: int, timeout: float) -> bool | None:
    """True when /ws answers a request that carried no credential."""
    url = f"ws://{'[' + host + ']' if ':' in host else host}:{port}/ws"
    try:
        with connect(url, open_timeout=timeout, compression=None) as ws:
            ws.send(json.dumps({"type": "req", "id": 1, "method": "status", "params": {}}))
            for _ in range(3):
                frame = json.loads(ws.recv(timeout=timeout))
                if isinstance(frame, dict) and frame.get("type") == "res":
                    return bool(frame.get("ok"))
    except InvalidHandshake:
        return False  # refused at the handshake
    except (WebSocketException, OSError, TimeoutError, ValueError):
        return None
    return None


def probe_gateway(host: str, port: int, *, timeout: float = 3.0) -> ProbeResult:
    """Probe the gateway at host:port from this machine."""
    try:
        _http_status(host, port, "/health", {}, timeout)
    except (OSError, http.client.HTTPException) as exc:
        return ProbeResult(host, port, reachable=False, error=str(exc) or type(exc).__name__)
    unauth = wrong = None
    with contextlib.suppress(OSError, http.client.HTTPException):
        unauth = _http_status(host, port, "/api/status", {}, timeout)
        wrong_header = {"Authorization": f"Bearer {generate_token()}"}  # random, never the real one
        wrong = _http_status(host, port, "/api/status", wrong_header, timeout)
    ws_open = _ws_answers_without_auth(host, port, timeout)
    listeners = listening_addresses(port)
    return ProbeResult(
        host, port, True, "", unauth, wrong, ws_open, tuple(listeners) if listeners else None
    )


def _probe_target(config: RootConfig) -> str:
    hosts = bind_hosts(config)
    if isinstance(hosts, Deny) or hosts[0] in ("0.0.0.0", "::"):  # noqa: S104
        return "127.0.0.1"
    return hosts[0]


def probe_findings(
    config: RootConfig, *, timeout: float = 3.0, protocol_probes: bool = True
) -> list[Finding]:
    """Probe the gateway the config names; every outcome is a finding.

    ``protocol_probes=False`` (an OpenClaw install: another wire protocol, whose control
    UI answers 200 for any path) keeps to reachability and listening addresses.
    """
    host, port = _probe_target(config), config.gateway.port
    result = probe_gateway(host, port, timeout=timeout)
    where = f"{host}:{port}"
    if not result.reachable:
        return [
            Finding(
                "gateway.probe_failed",
                "warn",
                "The gateway could not be probed",
                f"nothing answered on {where} ({result.error}); the live checks did not run.",
                "Start it with `clawkeep gateway run`, then run `security audit --deep` again.",
            )
        ]
    findings = _auth_findings(config, result, where) if protocol_probes else []
    findings.extend(_listener_findings(config, result, where))
    if not protocol_probes:
        findings.append(
            Finding(
                "gateway.probe.auth_not_probed",
                "info",
                "Auth of this gateway was not probed",
                f"{where} answers, but it is not a clawkeep gateway; only its listening "
                "addresses were checked.",
            )
        )
    if not findings:
        findings.append(
            Finding(
                "gateway.probe.ok",
                "info",
                "The running gateway behaves as configured",
                f"{where} refused a request without a credential and one with a wrong credential; "
                f"listening on {', '.join(result.listeners or ()) or 'unknown addresses'}.",
            )
        )
    return findings


def _auth_findings(config: RootConfig, result: ProbeResult, where: str) -> list[Finding]:
    if config.gateway.auth.mode == "none":
        return []  # the config asked for no auth; the static audit names that
    out: list[Finding] = []
    if result.http_unauthenticated_status == 200 or result.ws_unauthenticated_answered:
        out.append(
            Finding(
                "gateway.probe.unauthenticated_access",
                "critical",
                "The running gateway answers without a credential",
                f"{where} answered an authenticated route with no credential although the config "
                "requires auth: it may be another program or an old gateway on this port.",
                "Stop whatever listens on gateway.port and start `clawkeep gateway run`.",
            )
        )
    if result.http_wrong_token_status == 200:
        out.append(
            Finding(
                "gateway.probe.wrong_token_accepted",
                "critical",
                "The running gateway accepts a wrong token",
                f"{where} answered an authenticated route for a random token.",
                "Stop it, check gateway.auth, and restart `clawkeep gateway run`.",
            )
        )
    return out


def _listener_findings(config: RootConfig, result: ProbeResult, where: str) -> list[Finding]:
    if result.listeners is None:
        return [
            Finding(
                "gateway.probe.listeners_unknown",
                "info",
                "Listening addresses not known",
                f"could not read which addresses listen on port {result.port} (/proc/net).",
            )
        ]
    hosts = bind_hosts(config)
    wanted = set() if isinstance(hosts, Deny) else set(hosts)
    loopback_config = bool(wanted) and all(is_loopback_host(h) for h in wanted)
    unexpected = [a for a in result.listeners if a not in wanted and not is_loopback_host(a)]
    if not unexpected:
        return []
    severity: Severity = "critical" if loopback_config else "warn"
    return [
        Finding(
            "gateway.probe.unexpected_listener",
            severity,
            "The gateway port listens beyond what the config asked",
            f"port {result.port} listens on {', '.join(unexpected)} but gateway.bind is "
            f"{config.gateway.bind!r} ({', '.join(sorted(wanted)) or 'unknown'}); "
            "anyone on that network can reach it.",
            "Stop the process on that port and start `clawkeep gateway run` with gateway.bind "
            '"loopback".',
        )
    ]
