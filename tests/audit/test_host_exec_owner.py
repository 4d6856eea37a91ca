"""The audit rates host exec reachable by anyone but the owner as critical."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clawkeep.audit.run import run_audit
from clawkeep.config import resolve_paths


def _severity(state: Path, write_config: Callable[..., Path], raw: dict[str, Any]) -> str | None:
    write_config(json.dumps(raw))
    env = {"CLAWKEEP_STATE_DIR": str(state), "HOME": str(state.parent)}
    report = run_audit(resolve_paths(env), env=env)
    found = {f.check_id: f.severity for f in report.findings}
    return found.get("tools.exec.host_non_owner")


def _elevated(allow: dict[str, list[str]], owners: list[str]) -> dict[str, Any]:
    return {
        "channels": {
            "telegram": {"dmPolicy": "allowlist", "allowFrom": ["1", "2"], "ownerAllowFrom": owners}
        },
        "tools": {"elevated": {"enabled": True, "allowFrom": allow}},
    }


def test_non_owner_sender_with_host_exec_is_critical(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    raw = _elevated({"telegram": ["1", "2"]}, owners=["1"])
    assert _severity(state_dir, write_config, raw) == "critical"


def test_wildcard_host_exec_is_critical(state_dir: Path, write_config: Callable[..., Path]) -> None:
    raw = _elevated({"telegram": ["*"]}, owners=["1"])
    assert _severity(state_dir, write_config, raw) == "critical"


def test_owner_only_host_exec_is_not_this_finding(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    raw = _elevated({"telegram": ["1"], "webchat": ["*"]}, owners=["1"])
    assert _severity(state_dir, write_config, raw) is None
