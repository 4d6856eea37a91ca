"""The gateway tool's control plane: an agent's config.apply cannot weaken the install."""

from __future__ import annotations

import asyncio
import json
import stat
from pathlib import Path

from clawkeep.compose.control import GatewayControl
from clawkeep.config import resolve_paths
from clawkeep.decision import Deny
from clawkeep.tools import ToolServices
from tests.tools.tool_context import make_ctx, run_tool

TOKEN = "0123456789abcdef" * 3
GOOD = {
    "gateway": {"auth": {"token": TOKEN}},
    "plugins": {"allow": []},
    "skills": {"allowBundled": []},
}


def _control(tmp_path: Path, config: dict[str, object] = GOOD) -> tuple[GatewayControl, Path]:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    path = state / "clawkeep.json"
    path.write_text(json.dumps(config))
    path.chmod(0o600)
    return GatewayControl(resolve_paths({}, config=path), {}), path


def _apply(control: GatewayControl, config: object) -> object:
    raw = config if isinstance(config, str) else json.dumps(config)
    return asyncio.run(control.apply_config(raw))


def test_a_tidier_config_is_applied_with_a_private_backup(tmp_path: Path) -> None:
    control, path = _control(tmp_path)
    new = {**GOOD, "session": {"dmScope": "per-channel-peer"}}
    assert not isinstance(_apply(control, new), Deny)
    assert json.loads(path.read_text()) == new
    backup = path.with_name("clawkeep.json.bak-agent")
    assert json.loads(backup.read_text()) == GOOD
    for p in (path, backup):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600


def test_a_weaker_config_is_refused_and_the_file_unchanged(tmp_path: Path) -> None:
    control, path = _control(tmp_path)
    before = path.read_text()
    for weaker in (
        {**GOOD, "commands": {"bash": True}},
        {**GOOD, "tools": {"elevated": {"enabled": True}}},
        {**GOOD, "guards": {"channel": {"enabled": False}}},
        {**GOOD, "logging": {"redactSensitive": "off"}},
    ):
        result = _apply(control, weaker)
        assert isinstance(result, Deny) and result.reason == "gateway.config.weakens", weaker
    assert path.read_text() == before


def test_a_config_the_gateway_would_refuse_is_refused(tmp_path: Path) -> None:
    control, path = _control(tmp_path)
    before = path.read_text()
    open_remote = {**GOOD, "gateway": {"bind": "lan", "auth": {"mode": "none"}}}
    result = _apply(control, open_remote)
    assert isinstance(result, Deny) and result.reason.startswith("gateway.config.")
    invalid = _apply(control, '{ gateway: { bnd: "lan" } }')
    assert isinstance(invalid, Deny) and invalid.reason == "gateway.config.invalid"
    assert ".candidate-" not in invalid.detail  # the error names the real config file
    assert path.read_text() == before
    assert not list(path.parent.glob(".candidate-*"))


def test_restart_stops_the_server_and_asks_for_a_new_start(tmp_path: Path) -> None:
    control, _ = _control(tmp_path)
    assert asyncio.run(control.restart()).reason == "gateway.restart.scheduled"
    assert control.stop.is_set() and control.restart_requested


def test_injected_gateway_tool_call_cannot_turn_off_the_guards(tmp_path: Path) -> None:
    control, path = _control(tmp_path)
    before = path.read_text()
    raw = {"commands": {"config": True}, "tools": {"allow": ["gateway"]}}
    ctx = make_ctx(tmp_path, raw, sandboxed=False, services=ToolServices(control=control))
    weaker = json.dumps({**GOOD, "guards": {"file": {"unlockIdentityFiles": True}}})
    result = run_tool(ctx, "gateway", action="config.apply", raw=weaker)
    assert result.reason == "gateway.config.weakens"
    assert path.read_text() == before
