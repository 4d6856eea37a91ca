"""What a plugin is on disk and how it would be launched: its command, its folder, its
hosts and its config. Nothing here starts a process.

A plugin is declared by `plugins.entries.<id>.command` (an argv whose program is an
absolute path or a bare name found in the system's /usr/bin or /bin, never $PATH), or by a
folder `extensions/<id>/` holding `clawkeep.plugin.json` (``{"command": [...]}``) whose
program may also be a path inside that folder. The folder, the manifest and every path
the command names are resolved by realpath and must stay inside `extensions/<id>/`: a
symlink or `..` that leads out is refused, so a plugin can never be pointed at files the
owner did not install there.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny

__all__ = ["MANIFEST", "PluginLaunch", "installed_plugins", "resolve_launch"]

MANIFEST = "clawkeep.plugin.json"
_MAX_MANIFEST = 64 * 1024
_SYSTEM_BIN = ("/usr/bin", "/bin", "/usr/local/bin")


@dataclass(frozen=True)
class PluginLaunch:
    """A plugin ready to start: argv as seen inside the sandbox, its folder (or None)."""

    plugin_id: str
    argv: tuple[str, ...]
    folder: Path | None
    hosts: tuple[str, ...]
    config: dict[str, Any]
    description: str = ""


def installed_plugins(paths: InstallPaths) -> list[str]:
    """Names of the folders under extensions/ (what an owner installed there)."""
    ext = paths.extensions_dir
    if not ext.is_dir():
        return []
    return sorted(p.name for p in ext.iterdir() if not p.name.startswith("."))


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _plugin_folder(paths: InstallPaths, plugin_id: str) -> Path | Deny | None:
    ext = paths.extensions_dir
    candidate = ext / plugin_id
    if not os.path.lexists(candidate):
        return None
    root = ext.resolve()
    real = candidate.resolve()
    if candidate.is_symlink() or not _inside(real, root) or real == root:
        # A symlinked folder would run code from anywhere on the machine.
        return Deny("plugins.path_escape", f"{candidate} is a symlink out of {ext}; not loaded")
    if not real.is_dir():
        return Deny("plugins.bad_manifest", f"{candidate} is not a folder")
    return real


def _read_manifest(folder: Path) -> dict[str, Any] | Deny:
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return Deny("plugins.bad_manifest", f"{path} is missing; it names the plugin's command")
    if path.is_symlink() or not _inside(path.resolve(), folder):
        return Deny("plugins.path_escape", f"{path} is a symlink; not followed")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(_MAX_MANIFEST + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= _MAX_MANIFEST else None
    except (OSError, ValueError) as exc:
        return Deny("plugins.bad_manifest", f"{path} cannot be read as JSON: {exc}")
    if not isinstance(data, dict):
        return Deny("plugins.bad_manifest", f"{path} must hold a JSON object under 64 KiB")
    return data


def _system_program(name: str) -> str | None:
    if name.startswith("/"):
        return name if os.path.isfile(name) and os.access(name, os.X_OK) else None
    for folder in _SYSTEM_BIN:  # fixed system dirs, never the gateway's $PATH
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _folder_argv(argv: list[str], folder: Path) -> tuple[str, ...] | Deny:
    """argv with paths inside the folder checked; the folder is /workspace in the sandbox."""
    out: list[str] = []
    for n, arg in enumerate(argv):
        if ".." in PurePosixPath(arg).parts:
            return Deny("plugins.path_escape", f"command argument {arg!r} climbs out with '..'")
        local = folder / arg
        in_folder = not arg.startswith("/") and ("/" in arg or os.path.lexists(local))
        if in_folder:
            if not _inside(local.resolve(), folder):
                return Deny("plugins.path_escape", f"{arg!r} resolves outside {folder}")
            out.append(f"/workspace/{PurePosixPath(arg)}")
        elif n == 0:
            program = _system_program(arg)
            if program is None:
                return Deny("plugins.bad_command", f"program {arg!r} is not a system program")
            out.append(program)
        else:
            out.append(arg)
    return tuple(out)


def resolve_launch(config: RootConfig, paths: InstallPaths, plugin_id: str) -> PluginLaunch | Deny:
    """How ``plugin_id`` would start, or why it cannot (missing, bad manifest, escape)."""
    entry = config.plugins.entries.get(plugin_id)
    hosts = tuple(h.strip().lower().rstrip(".") for h in (entry.hosts if entry else ()))
    cfg = dict(entry.config) if entry else {}
    if entry is not None and entry.command is not None:
        program = _system_program(entry.command[0])
        if program is None:
            return Deny(
                "plugins.bad_command",
                f"plugins.entries.{plugin_id}.command[0] {entry.command[0]!r} is not an "
                "absolute path or a program in /usr/bin or /bin",
            )
        return PluginLaunch(plugin_id, (program, *entry.command[1:]), None, hosts, cfg)
    folder = _plugin_folder(paths, plugin_id)
    if folder is None:
        return Deny(
            "plugins.missing",
            f"{plugin_id}: no command in plugins.entries, no folder in {paths.extensions_dir}",
        )
    if isinstance(folder, Deny):
        return folder
    manifest = _read_manifest(folder)
    if isinstance(manifest, Deny):
        return manifest
    command = manifest.get("command")
    if (
        not isinstance(command, list)
        or not command
        or not all(isinstance(a, str) and a and "\0" not in a for a in command)
    ):
        return Deny(
            "plugins.bad_manifest", f"{folder / MANIFEST}: command must be a list of strings"
        )
    argv = _folder_argv(command, folder)
    if isinstance(argv, Deny):
        return argv
    description = manifest.get("description")
    text = description if isinstance(description, str) else ""
    return PluginLaunch(plugin_id, argv, folder, hosts, cfg, text[:300])
