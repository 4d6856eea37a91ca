"""`clawkeep sandbox exec --agent A -- CMD` runs the command as agent A's exec would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.bwrap, pytest.mark.usefixtures("bwrap")]


def _install(tmp_path: Path, security: str = "full", access: str = "rw") -> Path:
    state = tmp_path / "state"
    (state / "workspace").mkdir(parents=True)
    config = state / "clawkeep.json"
    config.write_text(
        json.dumps(
            {
                "agents": {
                    "defaults": {"sandbox": {"workspaceAccess": access}},
                    "list": [{"id": "main"}],
                },
                "tools": {"exec": {"security": security}},
                "gateway": {"auth": {"token": "SECRET-TOKEN-IN-CONFIG"}},
            }
        )
    )
    os.chmod(config, 0o600)
    return config


def _cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(config.parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "clawkeep", "sandbox", "exec", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_cli_runs_in_the_agents_sandbox_without_the_config(tmp_path: Path) -> None:
    config = _install(tmp_path)
    proc = _cli(config, "--agent", "main", "--json", "--", "sh", "-c", f"id -u; cat {config}")
    result = json.loads(proc.stdout)
    assert result["stdout"] == "65534\n"
    assert "SECRET-TOKEN-IN-CONFIG" not in proc.stdout + proc.stderr
    assert proc.returncode == 1  # cat failed inside: the command's own status


def test_cli_writes_land_in_the_agents_workspace(tmp_path: Path) -> None:
    config = _install(tmp_path)
    proc = _cli(config, "--agent", "main", "--", "sh", "-c", "echo ok > made.txt")
    assert proc.returncode == 0, proc.stderr
    assert (config.parent / "workspace" / "made.txt").read_text() == "ok\n"


def test_cli_reports_the_exec_policy_refusal(tmp_path: Path) -> None:
    config = _install(tmp_path, security="deny")
    marker = config.parent / "workspace" / "ran"
    proc = _cli(config, "--agent", "main", "--", "touch", "ran")
    assert proc.returncode == 1
    assert "exec.security_deny" in proc.stderr
    assert not marker.exists()


def test_cli_unknown_agent_is_bad_usage(tmp_path: Path) -> None:
    proc = _cli(_install(tmp_path), "--agent", "nobody", "--", "true")
    assert proc.returncode == 2
    assert "no agent 'nobody'" in proc.stderr
