"""`clawkeep skills list|install|remove`: the owner's side of skills.

Agents cannot install or change a skill; this command is how one gets in. `install DIR`
checks SKILL.md, runs the plugin code-safety scan over the folder and shows what it
found, then copies regular files only (no symlinks, bounded size) into the state dir's
`skills/<name>/`. A critical finding stops the install unless `--accept-risk` is given.
Exit 0 done, 1 refused, 2 bad usage or invalid config.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, LoadedConfig, load_config

__all__ = ["skills"]

_MAX_FILES = 500
_MAX_BYTES = 10 * 1024 * 1024


def _load(config_path: Path | None, openclaw: bool) -> LoadedConfig:
    try:
        return load_config(install_paths(config_path, openclaw))
    except ConfigError as exc:
        fail_config(exc)
        raise  # unreachable: fail_config exits


def _refuse(text: str) -> None:
    click.echo(f"clawkeep: {text}", err=True)
    raise SystemExit(1)


@click.group()
def skills() -> None:
    """Skills: folders with SKILL.md that agents read and never change.

    Example: clawkeep skills install ./my-skill
    """


@skills.command("list")
@click.option("--agent", "agent_id", default=None, help="Only the skills this agent sees.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@config_options
def list_(agent_id: str | None, as_json: bool, config_path: Path | None, openclaw: bool) -> None:
    """Every allowed skill (bundled, state dir), or what one agent sees (with its workspace)."""
    from clawkeep.config.agents import resolve_agents
    from clawkeep.skills import agent_skills, all_skills

    loaded = _load(config_path, openclaw)
    if agent_id is None:
        found = all_skills(loaded.config, loaded.paths, None)
    else:
        agents = {a.id: a for a in resolve_agents(loaded.config, loaded.paths)}
        if agent_id not in agents:
            click.echo(f"clawkeep: no agent {agent_id!r} (known: {', '.join(agents)})", err=True)
            raise SystemExit(2)
        found = agent_skills(loaded.config, loaded.paths, agent_id, agents[agent_id].workspace)
    rows = [
        {"name": s.name, "source": s.source, "folder": str(s.folder), "description": s.description}
        for s in found
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(f"{row['name']:<24} {row['source']:<9} {row['description']}")


def _files(source: Path) -> list[Path] | str:
    """The regular files to copy, or why the folder cannot be installed."""
    out: list[Path] = []
    total = 0
    for folder, dirs, names in os.walk(source, followlinks=False):
        for name in [*dirs, *names]:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                return f"{path} is a symlink; a skill is copied in whole, never pointed at"
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                return f"{path} is not a regular file"
            if stat.S_ISREG(mode):
                out.append(path)
                total += path.lstat().st_size
        if len(out) > _MAX_FILES or total > _MAX_BYTES:
            return f"more than {_MAX_FILES} files or {_MAX_BYTES // (1024 * 1024)} MiB"
    return out


@skills.command("install")
@click.argument("source", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--force", is_flag=True, help="Replace an installed skill of the same name.")
@click.option("--accept-risk", is_flag=True, help="Install despite critical scan findings.")
@config_options
def install(
    source: Path, force: bool, accept_risk: bool, config_path: Path | None, openclaw: bool
) -> None:
    """Scan SOURCE, show the findings, and copy it into the state dir's skills/."""
    from clawkeep.fsutil import ensure_private_dir
    from clawkeep.plugins.code_safety import scan_plugins
    from clawkeep.skills import SKILL_FILE, parse_front_matter

    loaded = _load(config_path, openclaw)
    if source.is_symlink():
        _refuse(f"{source} is a symlink; give the folder itself")
    md = source / SKILL_FILE
    if md.is_symlink() or not md.is_file():
        _refuse(f"{md} is missing; a skill is a folder with SKILL.md")
    parsed = parse_front_matter(md.read_text(encoding="utf-8", errors="replace"))
    if not isinstance(parsed, tuple):
        _refuse(f"{md}: {parsed.detail}")
        return
    name, description = parsed
    files = _files(source)
    if isinstance(files, str):
        _refuse(files)
        return
    findings = scan_plugins(source)
    click.echo(f"skill {name}: {description}")
    click.echo(f"code scan: {len(findings)} finding(s)")
    for f in findings:
        click.echo(f"  [{f.severity}] {f.check_id} {f.path}:{f.line} {f.detail}")
    if any(f.severity == "critical" for f in findings) and not accept_risk:
        _refuse("critical findings: not installed (read them; --accept-risk installs anyway)")
    root = loaded.paths.state_dir / "skills"
    ensure_private_dir(root)
    target = root / name
    if os.path.lexists(target) and not force:
        _refuse(f"{target} exists; --force replaces it")
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))  # same fs: atomic rename
    try:
        for path in files:
            dest = staging / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest, follow_symlinks=False)
            dest.chmod(0o600)
        staging.chmod(0o700)
        if os.path.lexists(target):
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    click.echo(f"installed {name} into {target} ({len(files)} file(s))")


@skills.command("remove")
@click.argument("name")
@config_options
def remove(name: str, config_path: Path | None, openclaw: bool) -> None:
    """Remove an installed skill from the state dir (bundled ones: use allowBundled)."""
    from clawkeep.skills import BUNDLED_DIR, SKILL_NAME

    loaded = _load(config_path, openclaw)
    if not SKILL_NAME.fullmatch(name):
        click.echo(f"clawkeep: {name!r} is not a skill name", err=True)
        raise SystemExit(2)
    target = loaded.paths.state_dir / "skills" / name
    if not os.path.lexists(target):
        if (BUNDLED_DIR / name).is_dir():
            _refuse(f"{name} is bundled; leave it out of skills.allowBundled to hide it")
        _refuse(f"no installed skill {name!r} in {target.parent}")
    if target.is_symlink() or not target.is_dir():
        target.unlink()
    else:
        shutil.rmtree(target)
    click.echo(f"removed {name}")
