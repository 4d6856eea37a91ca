"""The browser's audit checks: evaluate on, a profile on an outside (personal) dir, CDP
beyond loopback, a loosened ssrfPolicy, Chromium without its sandbox."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clawkeep.audit.run import run_audit
from clawkeep.config import resolve_paths


def _ids(state: Path, write_config: Callable[..., Path], browser: dict[str, Any]) -> set[str]:
    write_config(json.dumps({"browser": browser}))
    env = {"HOME": str(state.parent)}
    report = run_audit(resolve_paths(env, config=state / "clawkeep.json"), env=env)
    return {f.check_id for f in report.findings if f.check_id.startswith("browser.")}


def test_a_safe_browser_config_has_no_browser_finding_but_root(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    found = _ids(state_dir, write_config, {"enabled": True, "profiles": {"work": {}}})
    assert found == ({"browser.no_sandbox"} if os.geteuid() == 0 else set())


def test_every_loosening_is_named(state_dir: Path, write_config: Callable[..., Path]) -> None:
    home = state_dir.parent
    browser = {
        "enabled": True,
        "evaluateEnabled": True,
        "noSandbox": True,
        "ssrfPolicy": {"dangerouslyAllowPrivateNetwork": True},
        "profiles": {
            "mine": {"userDataDir": str(home / ".config" / "google-chrome")},
            "remote": {"cdpUrl": "http://10.0.0.8:9222"},
            "local": {"cdpUrl": "http://127.0.0.1:9222"},
        },
    }
    assert _ids(state_dir, write_config, browser) == {
        "browser.evaluate_enabled",
        "browser.no_sandbox",
        "browser.ssrf_private_allowed",
        "browser.profile_personal_dir",
        "browser.cdp_not_loopback",
    }
