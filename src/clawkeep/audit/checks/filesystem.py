"""File permissions of the state dir, config, credentials, auth profiles, sessions, identity."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.permissions import Target, mode_of, sensitive_targets
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []

_AREAS = (
    "fs.state_dir",
    "fs.state_subdir",
    "fs.config",
    "fs.config_include",
    "fs.credentials_dir",
    "fs.auth_profiles",
    "fs.agent_dir",
    "fs.sessions_store",
    "fs.identity",
    "fs.logs",
    "fs.state_db",
)
_SYNCED = re.compile(r"dropbox|onedrive|google ?drive|icloud|mobile documents|box sync", re.I)


def _ids(id_: str, sev: str, title: str) -> CheckSpec:
    return CheckSpec(id_, sev, title, fixable="symlink" not in id_)


_SPECS = [
    _ids("fs.state_dir.perms_world_writable", "critical", "State dir is world-writable"),
    _ids("fs.state_dir.perms_group_writable", "warn", "State dir is group-writable"),
    _ids("fs.state_dir.perms_readable", "warn", "State dir is readable by others"),
    _ids("fs.config.perms_writable", "critical", "Config is writable by others"),
    _ids("fs.config.perms_world_readable", "critical", "Config is world-readable"),
    _ids("fs.config.perms_group_readable", "warn", "Config is group-readable"),
    _ids("fs.config_include.perms_writable", "critical", "An included config is writable"),
    _ids("fs.config_include.perms_world_readable", "critical", "An included config is readable"),
    _ids("fs.config_include.perms_group_readable", "warn", "An included config is group-readable"),
]
for _area in _AREAS:
    _SPECS.append(CheckSpec(f"{_area}.symlink", "warn", f"{_area}: a symlink", False))
    if _area not in ("fs.state_dir", "fs.config", "fs.config_include"):
        _SPECS.append(
            _ids(f"{_area}.perms_readable", "warn|critical", f"{_area}: readable by others")
        )
        _SPECS.append(_ids(f"{_area}.perms_writable", "critical", f"{_area}: writable by others"))
_SPECS.append(CheckSpec("fs.synced_dir", "warn", "State dir is inside a synced folder"))
_TITLES = {spec.check_id: spec.title for spec in _SPECS}


def classify(target: Target, mode: int) -> list[tuple[str, str]]:
    """The (check id, severity) pairs a path's mode earns."""
    area, out = target.area, []
    if area == "fs.state_dir":
        if mode & 0o002:
            out.append(("fs.state_dir.perms_world_writable", "critical"))
        elif mode & 0o020:
            out.append(("fs.state_dir.perms_group_writable", "warn"))
        if mode & 0o044:
            out.append(("fs.state_dir.perms_readable", "warn"))
        return out
    if area in ("fs.config", "fs.config_include"):
        if mode & 0o022:
            out.append((f"{area}.perms_writable", "critical"))
        if mode & 0o004:
            out.append((f"{area}.perms_world_readable", "critical"))
        elif mode & 0o040:
            out.append((f"{area}.perms_group_readable", "warn"))
        return out
    if mode & 0o022:
        out.append((f"{area}.perms_writable", "critical"))
    if mode & 0o044:
        world_secret = target.secret and mode & 0o004 and not target.is_dir
        out.append((f"{area}.perms_readable", "critical" if world_secret else "warn"))
    return out


def _fix_command(path: Path, is_dir: bool) -> str:
    return f"chmod {'700' if is_dir else '600'} {path}"


@check(*_SPECS)
def permissions(ctx: AuditContext) -> Iterator[Finding]:
    grouped: dict[tuple[str, str], list[Target]] = defaultdict(list)
    includes = tuple(p for p in ctx.loaded.source.texts if p != ctx.paths.config_path)
    for target in sensitive_targets(ctx.paths, includes):
        found = mode_of(target.path)
        if found is None:
            continue
        mode, is_link = found
        if is_link:
            grouped[(f"{target.area}.symlink", "warn")].append(target)
            continue
        for key in classify(target, mode):
            grouped[key].append(target)
    for (check_id, severity), targets in sorted(grouped.items()):
        shown = ", ".join(str(t.path) for t in targets[:3])
        more = f" and {len(targets) - 3} more" if len(targets) > 3 else ""
        if check_id.endswith(".symlink"):
            yield Finding(
                check_id,
                "warn",
                f"Symlink in place of {targets[0].area.removeprefix('fs.')}",
                f"{shown}{more} is a symlink: its target's permissions are outside the audit.",
                "Replace the link with the real file or directory.",
            )
            continue
        first = targets[0]
        yield Finding(
            check_id,
            severity,  # type: ignore[arg-type]
            _TITLES[check_id],
            f"{shown}{more}: other users of this machine can "
            f"{'change' if 'writable' in check_id else 'read'} it.",
            _fix_command(first.path, first.is_dir)
            + (
                ""
                if len(targets) == 1
                else f" (and the same for the others; {ctx.words.audit_fix} does all)"
            ),
        )
    if _SYNCED.search(str(ctx.paths.state_dir)):
        yield Finding(
            "fs.synced_dir",
            "warn",
            "State dir is inside a synced folder",
            f"{ctx.paths.state_dir} looks like a cloud-synced folder: tokens and transcripts are "
            "copied to another provider.",
            f"Move the state dir out of the synced folder ({ctx.words.env}_STATE_DIR).",
        )
