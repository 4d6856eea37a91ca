"""`security audit --fix`: tighten what is safe to tighten, and say what was done.

Only ever narrows: permission bits for group and others are removed (never added), and
config values move from an unsafe choice to the safe one. Symlinks and odd file types
are skipped with a reason. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from clawkeep.audit.permissions import sensitive_targets
from clawkeep.config import KeyPath, LoadedConfig
from clawkeep.config.edit import ConfigEdit, EditError, apply_edits
from clawkeep.config.errors import format_path

__all__ = ["FixAction", "apply_fixes"]

Status = Literal["ok", "skipped", "error"]


@dataclass(frozen=True, slots=True)
class FixAction:
    """One thing --fix did or declined to do."""

    kind: Literal["chmod", "config"]
    target: str
    status: Status
    detail: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def apply_fixes(loaded: LoadedConfig) -> list[FixAction]:
    """Tighten permissions, then config values; returns every action with its outcome."""
    includes = tuple(p for p in loaded.source.texts if p != loaded.paths.config_path)
    actions = [a for t in sensitive_targets(loaded.paths, includes) if (a := _chmod(t.path))]
    actions.extend(_config_fixes(loaded))
    return actions


def _chmod(path: Path) -> FixAction | None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return FixAction("chmod", str(path), "error", exc.strerror or str(exc))
    if stat.S_ISLNK(st.st_mode):
        # A link is never followed: its target may be anything, anywhere.
        return FixAction("chmod", str(path), "skipped", "symlink: not followed")
    if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
        return FixAction("chmod", str(path), "skipped", "not a regular file or directory")
    mode = stat.S_IMODE(st.st_mode)
    wanted = mode & ~0o077  # only remove group/other bits: 0755 -> 0700, 0644 -> 0600
    if wanted == mode:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return FixAction("chmod", str(path), "error", exc.strerror or str(exc))
    try:
        os.fchmod(fd, wanted)  # on the opened inode: no swap between check and change
    except OSError as exc:
        return FixAction("chmod", str(path), "error", exc.strerror or str(exc))
    finally:
        os.close(fd)
    return FixAction("chmod", str(path), "ok", f"{path}: {mode:04o} -> {wanted:04o}")


def _wanted_edits(loaded: LoadedConfig) -> list[tuple[KeyPath, str, str]]:
    cfg = loaded.config
    out: list[tuple[KeyPath, str, str]] = []
    if cfg.logging.redact_sensitive == "off":
        out.append((("logging", "redactSensitive"), "off", "tools"))
    if cfg.discovery.mdns.mode == "full":
        out.append((("discovery", "mdns", "mode"), "full", "minimal"))
    for name, channel in cfg.channels.items():
        if channel.group_policy == "open":
            out.append((("channels", name, "groupPolicy"), "open", "allowlist"))
        for account_id, account in channel.accounts.items():
            if account.group_policy == "open":
                path: KeyPath = ("channels", name, "accounts", account_id, "groupPolicy")
                out.append((path, "open", "allowlist"))
    return out


def _config_fixes(loaded: LoadedConfig) -> list[FixAction]:
    per_file: dict[Path, list[tuple[KeyPath, KeyPath, str, str]]] = defaultdict(list)
    actions: list[FixAction] = []
    for path, old, new in _wanted_edits(loaded):
        key = format_path(path)
        found = loaded.source.file_of(path)
        if path in loaded.env_filled:
            actions.append(FixAction("config", key, "skipped", "the value comes from ${VAR}"))
        elif found is None or not loaded.exists:
            actions.append(FixAction("config", key, "skipped", "not set in a config file"))
        else:
            file, inner = found
            per_file[file].append((path, inner, old, new))
    for file, edits in per_file.items():
        try:
            backup = apply_edits(file, [ConfigEdit(inner, new) for _, inner, _, new in edits])
        except (EditError, OSError) as exc:
            for path, _, _, _ in edits:
                actions.append(FixAction("config", format_path(path), "error", str(exc)))
            continue
        note = f" (backup {backup})" if backup else ""
        for path, _, old, new in edits:
            detail = f"{format_path(path)}: {old} -> {new}{note}"
            actions.append(FixAction("config", format_path(path), "ok", detail))
    return actions
