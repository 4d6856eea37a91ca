"""The sensitive paths of an install and how private each must be (the seed's chmod list).

One walk feeds both the fs.* checks and `--fix`: what the audit reports is exactly what
the fix tightens. Symlinks are reported, never followed and never changed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from clawkeep.config.paths import InstallPaths

__all__ = ["Target", "sensitive_targets"]


@dataclass(frozen=True, slots=True)
class Target:
    """One path, the check-id prefix it reports under, and what it holds."""

    area: str  # fs.state_dir, fs.config, fs.credentials_dir ...
    path: Path
    is_dir: bool
    secret: bool  # credentials, tokens, keys: world-readable is critical


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []


def _tree(area: str, root: Path, secret: bool) -> Iterator[Target]:
    """``root`` and everything below it, without following links."""
    yield Target(area, root, True, secret)
    stack = [root]
    while stack:
        for entry in _entries(stack.pop()):
            is_dir = entry.is_dir(follow_symlinks=False)
            if is_dir:
                stack.append(Path(entry.path))
            yield Target(area, Path(entry.path), is_dir, secret)


def sensitive_targets(
    paths: InstallPaths, extra_config_files: tuple[Path, ...] = ()
) -> Iterator[Target]:
    """Every path of the install that must not be readable or writable by others."""
    state = paths.state_dir
    if not os.path.lexists(state):
        return
    yield Target("fs.state_dir", state, True, True)
    for config in (paths.config_path, *extra_config_files):
        if os.path.lexists(config):
            area = "fs.config" if config == paths.config_path else "fs.config_include"
            yield Target(area, config, False, True)
    if not state.is_dir() or state.is_symlink():
        return
    for entry in _entries(state):
        path = Path(entry.path)
        is_dir = entry.is_dir(follow_symlinks=False)
        if entry.name == "credentials":
            yield from _tree("fs.credentials_dir", path, True)
        elif entry.name == "identity":
            yield Target("fs.state_subdir", path, True, True)
            for item in _entries(path):
                if item.name.endswith(".json"):
                    yield Target("fs.identity", Path(item.path), False, True)
        elif entry.name == "agents":
            yield Target("fs.state_subdir", path, True, True)
            yield from _agents(path)
        elif entry.name == "logs":
            yield from _tree("fs.logs", path, False)
        elif is_dir or entry.is_symlink():
            yield Target("fs.state_subdir", path, is_dir, False)
        elif entry.name.endswith((".sqlite", ".sqlite-wal", ".sqlite-shm", ".db")):
            yield Target("fs.state_db", path, False, True)
        elif ".bak" in entry.name and entry.name.startswith((paths.config_path.name, "openclaw")):
            yield Target("fs.config", path, False, True)


def _agents(agents_dir: Path) -> Iterator[Target]:
    for agent in _entries(agents_dir):
        if not agent.is_dir(follow_symlinks=False):
            continue
        root = Path(agent.path)
        yield Target("fs.agent_dir", root, True, True)
        agent_dir = root / "agent"
        if agent_dir.is_dir() and not agent_dir.is_symlink():
            yield Target("fs.agent_dir", agent_dir, True, True)
            for item in _entries(agent_dir):
                area = "fs.auth_profiles" if item.name == "auth-profiles.json" else "fs.agent_dir"
                yield Target(area, Path(item.path), item.is_dir(follow_symlinks=False), True)
        sessions = root / "sessions"
        if os.path.lexists(sessions):
            yield from _tree("fs.sessions_store", sessions, False)


def mode_of(path: Path) -> tuple[int, bool] | None:
    """(permission bits, is symlink) from lstat, or None if it vanished."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode), stat.S_ISLNK(st.st_mode)
