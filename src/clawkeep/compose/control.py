"""The control plane behind the agent's `gateway` tool: config.apply and restart.

Both are reachable only when `commands.config` / `commands.restart` are on and the tool
policy allows the tool (the hardening guide denies it). Even then, a config an agent
applies must load in strict mode, pass the gateway's start checks, and add no audit
finding at warn or above: an injected agent cannot use it to open its own cage. The old
file is kept as a 0600 backup; the new one takes effect at the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from clawkeep.audit.finding import SEVERITY_ORDER
from clawkeep.config import (
    ConfigError,
    InstallPaths,
    KeyPath,
    LoadedConfig,
    load_config,
    read_tree,
)
from clawkeep.config.errors import format_path
from clawkeep.decision import Allow, Deny
from clawkeep.fsutil import atomic_write
from clawkeep.gateway.preflight import preflight

__all__ = ["GatewayControl"]

_MAX_CONFIG_BYTES = 1_000_000


def _serious(paths: InstallPaths, env: Mapping[str, str]) -> set[str]:
    from clawkeep.audit.run import run_audit

    report = run_audit(paths, env=env)
    floor = SEVERITY_ORDER["warn"]
    # File-permission ids depend on the temp file, not on what the config says.
    return {
        f.check_id
        for f in report.findings
        if SEVERITY_ORDER[f.severity] >= floor and not f.check_id.startswith("fs.")
    }


def _at(tree: Any, path: KeyPath) -> Any:
    for part in path:
        in_list = isinstance(tree, list) and isinstance(part, int) and 0 <= part < len(tree)
        if not in_list and not (isinstance(tree, dict) and part in tree):
            return None
        tree = tree[part]
    return tree


def _new_env_use(candidate: Any, current: Any, loaded: LoadedConfig) -> KeyPath | None:
    """The first path the candidate fills from the environment with text the current
    config does not have there (a new ``${VAR}``, or one moved to another key)."""
    for path in sorted(loaded.env_filled, key=str):
        if _at(candidate, path) != _at(current, path):
            return path
    return None


class GatewayControl:
    """Applies configs and restarts the gateway process it belongs to."""

    def __init__(self, paths: InstallPaths, env: Mapping[str, str]) -> None:
        self._paths = paths
        self._env = dict(env)
        self.stop = asyncio.Event()
        self.restart_requested = False

    async def restart(self) -> Allow | Deny:
        """Graceful stop, then the CLI starts the gateway again with the same arguments."""
        self.restart_requested = True
        self.stop.set()
        return Allow("gateway.restart.scheduled", "the gateway restarts after in-flight work")

    def _current_tree(self) -> dict[str, Any]:
        try:
            return read_tree(self._paths.config_path)[0]
        except ConfigError:
            return {}  # no current file (or an unreadable one): no reference is "kept"

    async def apply_config(self, raw: str) -> Allow | Deny:
        return await asyncio.to_thread(self._apply, raw)

    def _apply(self, raw: str) -> Allow | Deny:
        if len(raw.encode()) > _MAX_CONFIG_BYTES:
            return Deny("gateway.config.too_large", "the config is over 1 MB")
        target = self._paths.config_path
        # The candidate sits beside the config so its $include paths resolve the same way.
        fd, name = tempfile.mkstemp(prefix=".candidate-", suffix=".json", dir=target.parent)
        candidate = Path(name)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(raw)
            trial = InstallPaths(self._paths.flavor, self._paths.state_dir, candidate)
            try:
                loaded = load_config(trial, strict=True, env=self._env)
            except ConfigError as exc:
                return Deny("gateway.config.invalid", str(exc).replace(name, str(target)))
            moved = _new_env_use(read_tree(candidate)[0], self._current_tree(), loaded)
            if moved is not None:
                # ${VAR} into a field the agent can read back (a model name in
                # session_status) would hand it the gateway's secrets at the next start.
                return Deny(
                    "gateway.config.env_reference",
                    f"{format_path(moved)} takes a value from the environment where the "
                    "current config does not; only the owner adds ${VAR} references",
                )
            refused = preflight(loaded.config)
            if isinstance(refused, Deny):
                return refused  # the gateway would not start with it
            added = _serious(trial, self._env) - _serious(self._paths, self._env)
            if added:
                # An agent may tidy the config; it may not weaken the install.
                return Deny("gateway.config.weakens", "new findings: " + ", ".join(sorted(added)))
        finally:
            with contextlib.suppress(FileNotFoundError):
                candidate.unlink()
        if target.exists():
            backup = target.with_name(f"{target.name}.bak-agent")
            atomic_write(backup, target.read_bytes())
        atomic_write(target, raw)
        return Allow("gateway.config.applied", "written; it takes effect at the next start")
