"""The gateway does not run on a config another local user could have written.

Every account on the machine may write a world-writable config (or an included file, or
a file in a world-writable folder without the sticky bit), and with it turn on host exec
or open the DMs to everyone: `clawkeep gateway run` refuses it before it binds a port,
naming the file and the fix. A FIFO in a config file's place is refused at once instead
of hanging every command. The audit still reads such a file to report it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.cli_support import CLI, cli_env, run_cli

_OPEN_DMS = {"channels": {"telegram": {"dmPolicy": "open", "allowFrom": ["*"]}}}


def _state(home: Path) -> Path:
    state = home / "state"
    state.mkdir(mode=0o700, exist_ok=True)
    return state


def _config(home: Path, tree: object, mode: int = 0o600) -> Path:
    path = _state(home) / "clawkeep.json"
    path.write_text(json.dumps(tree))
    path.chmod(mode)
    return path


def _gateway_refuses(home: Path) -> str:
    out = subprocess.run(
        [*CLI, "gateway", "run", "--port", "0"],
        env=cli_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    shown = out.stdout + out.stderr
    assert out.returncode != 0, shown
    assert "listening on" not in shown
    return shown


def test_gateway_refuses_a_world_writable_config(tmp_path: Path) -> None:
    path = _config(tmp_path, {}, mode=0o666)
    shown = _gateway_refuses(tmp_path)
    assert "writable by every user" in shown
    assert f"chmod 600 {path}" in shown


def test_gateway_refuses_a_world_writable_included_file(tmp_path: Path) -> None:
    _config(tmp_path, {"$include": "channels.json5"})
    inc = _state(tmp_path) / "channels.json5"
    inc.write_text(json.dumps(_OPEN_DMS))
    inc.chmod(0o666)
    shown = _gateway_refuses(tmp_path)
    assert "channels.json5" in shown
    assert "writable by every user" in shown


def test_gateway_refuses_a_config_in_a_world_writable_folder(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # no sticky bit: anyone may replace the file
    cfg = shared / "clawkeep.json"
    cfg.write_text("{}")
    cfg.chmod(0o600)
    _state(tmp_path)
    out = subprocess.run(
        [*CLI, "gateway", "run", "--port", "0", "--config", str(cfg)],
        env=cli_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    shown = out.stdout + out.stderr
    assert out.returncode != 0, shown
    assert "listening on" not in shown
    assert f"{shared} is writable by every user" in shown


def test_a_fifo_included_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    _config(tmp_path, {"$include": "late.json5"})
    os.mkfifo(_state(tmp_path) / "late.json5", 0o600)
    # Without the check this blocks in open() until a writer comes: the timeout fails it.
    shown = _gateway_refuses(tmp_path)
    assert "not a regular file" in shown


def test_the_audit_still_reads_a_world_writable_config_and_reports_it(tmp_path: Path) -> None:
    _config(tmp_path, {}, mode=0o666)
    out = run_cli(tmp_path, "security", "audit", "--json")
    assert "fs.config.perms_writable" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
def test_a_private_or_read_only_config_still_runs_the_gateway_checks(
    tmp_path: Path, mode: int
) -> None:
    # The refusal is only for files others could write: these load (the config is
    # then rejected for a different, deliberate reason, which proves it was read).
    _config(tmp_path, {"gateway": {"port": "not-a-port"}}, mode=mode)
    shown = _gateway_refuses(tmp_path)
    assert "gateway.port" in shown
    assert "writable by every user" not in shown


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_gateway_refuses_a_config_another_account_owns(tmp_path: Path) -> None:
    path = _config(tmp_path, {}, mode=0o644)
    os.chown(path, 65534, 65534)  # nobody: not this user, not root
    shown = _gateway_refuses(tmp_path)
    assert "belongs to another user" in shown
