"""The state dir's ``.env`` planted as a FIFO or a link: a clear refusal, never a hang."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.cli.cli_support import CLI
from tests.cli.cli_support import cli_env as _env


def _config_check(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "pairing", "list"],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=30,  # a hang is the failure this file is about
    )


def _state(home: Path) -> Path:
    state = home / "state"
    state.mkdir(mode=0o700)
    (state / "clawkeep.json").write_text("{}")
    return state


def test_a_fifo_in_place_of_the_env_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(_state(tmp_path) / ".env", 0o600)
    got = _config_check(tmp_path)
    assert got.returncode == 2, got.stdout + got.stderr
    assert "not a regular file" in got.stdout + got.stderr
    assert "Traceback" not in got.stderr


def test_a_link_in_place_of_the_env_file_is_refused_and_named(tmp_path: Path) -> None:
    state = _state(tmp_path)
    secret = tmp_path / "elsewhere"
    secret.write_text("OPENAI_API_KEY=sk-from-elsewhere\n")
    secret.chmod(0o600)
    (state / ".env").symlink_to(secret)
    got = _config_check(tmp_path)
    assert got.returncode == 2, got.stdout + got.stderr
    assert "symbolic link" in got.stdout + got.stderr
    assert "sk-from-elsewhere" not in got.stdout + got.stderr
