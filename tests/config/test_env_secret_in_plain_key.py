"""A secret pulled by ``${VAR}`` into a key that is not secret-sounding is still masked."""

from __future__ import annotations

import re
import socket
import subprocess
from pathlib import Path

from clawkeep.config import load_config
from clawkeep.config.paths import resolve_paths
from clawkeep.events.secret_values import config_secrets
from tests.cli.cli_support import CLI
from tests.cli.cli_support import cli_env as _env
from tests.cli.cli_support import run_cli as _run

SECRET = "pk-live-7f3a9c2e51d84b06a1e9"


def test_doctor_does_not_print_a_key_the_config_put_in_a_base_url(tmp_path: Path) -> None:
    with socket.socket() as closed:  # bound, never listening: the provider is down
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        base = f"http://127.0.0.1:{port}/v1"
        init = _run(
            tmp_path, "init", "--yes", "--provider", "openai-compatible", "--base-url", base
        )
        assert init.returncode == 0, init.stderr
        cfg = tmp_path / "state" / "clawkeep.json"
        text = cfg.read_text()
        assert base in text
        cfg.write_text(text.replace(base, base + "?api-key=${PROXY_API_KEY}", 1))
        env = _env(tmp_path, PROXY_API_KEY=SECRET, CLAWKEEP_PROVIDER_API_KEY="k")
        out = subprocess.run([*CLI, "doctor"], env=env, capture_output=True, text=True, timeout=120)
    shown = out.stdout + out.stderr
    assert re.search(r"doctor\.provider: .*cannot be reached", shown), shown
    assert SECRET not in shown
    assert "api-key=" in shown  # the line is still there, the value masked


def test_the_loader_reports_secret_named_variables_for_masking(tmp_path: Path) -> None:
    cfg = tmp_path / "clawkeep.json"
    cfg.write_text('{"ui": {"assistant": {"name": "${BOT_TOKEN}"}}, "agents": {}}')
    paths = resolve_paths({"HOME": str(tmp_path)}, config=cfg)
    loaded = load_config(paths, strict=False, env={"BOT_TOKEN": SECRET, "HOME": str(tmp_path)})
    assert SECRET in config_secrets(loaded.config, loaded.env_secrets)
