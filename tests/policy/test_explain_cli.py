"""`clawkeep policy explain` in a real subprocess: decision, layer, rule, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = '{ agents: { list: [ { id: "main", tools: { deny: ["gateway", "exec", "process", "canvas", "nodes"] } } ] }, channels: { telegram: { groups: { g1: { tools: { deny: ["read"] } } } } } }'


def _explain(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAWKEEP_STATE_DIR": str(config.parent)}
    return subprocess.run(
        [sys.executable, "-m", "clawkeep", "policy", "explain", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "clawkeep.json"
    path.write_text(SEED)
    path.chmod(0o600)
    return path


def test_explain_names_the_layer_and_rule_that_denies_exec(config: Path) -> None:
    out = _explain(config, "--agent", "main", "--tool", "Bash", "--json")
    assert out.returncode == 1, out.stderr
    verdict = json.loads(out.stdout)
    assert verdict["tool"] == "exec" and verdict["reason"] == "policy.denied"
    assert verdict["layer"] == "agent:main" and "tools.deny" in verdict["rule"]
    assert "exec" not in verdict["offered"]


def test_explain_allowed_tool_exits_zero(config: Path) -> None:
    out = _explain(config, "--agent", "main", "--tool", "read")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("read: allowed (policy.allowed)")


def test_explain_group_layer(config: Path) -> None:
    out = _explain(
        config, "--agent", "main", "--tool", "read", "--channel", "telegram", "--group", "g1"
    )
    assert out.returncode == 1
    assert "layer: group" in out.stdout


def test_explain_unknown_agent_is_usage_error(config: Path) -> None:
    out = _explain(config, "--agent", "ghost", "--tool", "read")
    assert out.returncode == 2 and "ghost" in out.stderr


def test_explain_refuses_exec_under_the_default_exec_security(tmp_path: Path) -> None:
    path = tmp_path / "clawkeep.json"
    path.write_text('{ agents: { list: [ { id: "main" } ] } }')
    path.chmod(0o600)
    out = _explain(path, "--agent", "main", "--tool", "exec")
    assert out.returncode == 1, out.stdout
    assert "exec: refused (exec.security_deny)" in out.stdout


def test_explain_says_the_browser_is_off(tmp_path: Path) -> None:
    path = tmp_path / "clawkeep.json"
    path.write_text('{ agents: { list: [ { id: "main", sandbox: { mode: "off" } } ] } }')
    path.chmod(0o600)
    out = _explain(path, "--agent", "main", "--tool", "browser")
    assert out.returncode == 1, out.stdout
    assert "policy.browser_disabled" in out.stdout and "browser.enabled: false" in out.stdout


def test_explain_says_canvas_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "clawkeep.json"
    path.write_text('{ agents: { list: [ { id: "main", sandbox: { mode: "off" } } ] } }')
    path.chmod(0o600)
    out = _explain(path, "--agent", "main", "--tool", "canvas")
    assert out.returncode == 1, out.stdout
    assert "tools.not_implemented" in out.stdout and "does not exist" in out.stdout
