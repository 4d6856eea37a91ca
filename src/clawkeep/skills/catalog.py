"""Which skills an agent sees: folders holding `SKILL.md` (front matter `name`,
`description`), from three sources, filtered by the config.

Sources, later ones winning a name: the skills bundled with clawkeep (limited by
`skills.allowBundled`), the state dir's `skills/`, and the agent's workspace `skills/`.
An agent's `skills` list (in `agents.list[]`) limits what it sees. A skill folder or its
SKILL.md that is a symlink, or leads out of its source dir by realpath, is skipped: the
owner installs skills by copying them in (`clawkeep skills install`), never by pointing.
Reading a skill's files goes through the file guard rooted at that skill's folder.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.guards.file_guard import FilePolicy, read_bytes

__all__ = [
    "BUNDLED_DIR",
    "SKILL_FILE",
    "SKILL_NAME",
    "WORKSPACE_SKILLS",
    "Skill",
    "agent_skills",
    "all_skills",
    "parse_front_matter",
    "read_skill_file",
    "skill_sources",
]

BUNDLED_DIR = Path(__file__).resolve().parent / "bundled"
SKILL_FILE = "SKILL.md"
WORKSPACE_SKILLS = "skills"
SKILL_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_MAX_SKILL_MD = 256 * 1024
_MAX_DESCRIPTION = 1024

Source = Literal["bundled", "state", "workspace"]


@dataclass(frozen=True)
class Skill:
    """One skill: its name and description (from SKILL.md), folder (realpath), source."""

    name: str
    description: str
    folder: Path
    source: Source


def parse_front_matter(text: str) -> tuple[str, str] | Deny:
    """(name, description) from SKILL.md's front matter (`---` ... `---`, `key: value`)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return Deny("skills.bad_skill_md", "SKILL.md must start with a --- front matter block")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        if line.strip() == "---":
            break
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[key.strip()] = value
    else:
        return Deny("skills.bad_skill_md", "SKILL.md's front matter has no closing ---")
    name, description = fields.get("name", ""), fields.get("description", "")
    if not SKILL_NAME.fullmatch(name):
        return Deny("skills.bad_skill_md", f"name {name[:80]!r} must be a-z, 0-9 and '-'")
    # One printable line: the description goes into every system prompt.
    clean = "".join(c if c.isprintable() else " " for c in description).strip()
    if not clean:
        return Deny("skills.bad_skill_md", "the front matter has no description")
    return name, clean[:_MAX_DESCRIPTION]


def _read_skill_md(folder: Path) -> str | None:
    try:
        fd = os.open(folder / SKILL_FILE, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None  # missing, or a symlink: not a skill
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        data = fh.read(_MAX_SKILL_MD + 1)
    return None if len(data) > _MAX_SKILL_MD else data.decode("utf-8", "replace")


def load_skill(folder: Path, source: Source, root: Path) -> Skill | Deny:
    """The skill in ``folder`` (a direct child of ``root``), or why it is not one."""
    if folder.is_symlink():
        return Deny("skills.path_escape", f"{folder} is a symlink; skills are copied in")
    real = folder.resolve()
    if real.parent != root.resolve() or not real.is_dir():
        return Deny("skills.path_escape", f"{folder} does not resolve inside {root}")
    text = _read_skill_md(real)
    if text is None:
        return Deny("skills.bad_skill_md", f"{folder / SKILL_FILE} is missing or not a file")
    parsed = parse_front_matter(text)
    if isinstance(parsed, Deny):
        return parsed
    return Skill(parsed[0], parsed[1], real, source)


def skill_sources(paths: InstallPaths, workspace: Path | None) -> list[tuple[Source, Path]]:
    """The source dirs, lowest precedence first."""
    out: list[tuple[Source, Path]] = [
        ("bundled", BUNDLED_DIR),
        ("state", paths.state_dir / "skills"),
    ]
    if workspace is not None:
        out.append(("workspace", workspace / WORKSPACE_SKILLS))
    return out


def _scan(source: Source, root: Path) -> list[Skill]:
    if root.is_symlink() or not root.is_dir():
        return []  # a symlinked skills/ dir would import skills from anywhere
    found = []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith("."):
            continue
        skill = load_skill(folder, source, root)
        if isinstance(skill, Skill):
            found.append(skill)
    return found


def all_skills(config: RootConfig, paths: InstallPaths, workspace: Path | None) -> list[Skill]:
    """Every skill the sources hold, `skills.allowBundled` applied; later sources win."""
    allow_bundled = config.skills.allow_bundled
    by_name: dict[str, Skill] = {}
    for source, root in skill_sources(paths, workspace):
        for skill in _scan(source, root):
            bundled = source == "bundled" and allow_bundled is not None
            if bundled and skill.name not in (allow_bundled or ()):
                continue  # allowBundled names the bundled skills that exist at all
            by_name[skill.name] = skill
    return [by_name[n] for n in sorted(by_name)]


def agent_skills(
    config: RootConfig, paths: InstallPaths, agent_id: str, workspace: Path | None
) -> list[Skill]:
    """The skills ``agent_id`` sees: all allowed ones, limited by its own `skills` list."""
    entry = next((a for a in config.agents.list_ if a.id == agent_id), None)
    wanted = entry.skills if entry is not None else None
    skills = all_skills(config, paths, workspace)
    return skills if wanted is None else [s for s in skills if s.name in wanted]


def read_skill_file(
    skill: Skill, rel: str, limit: int, offset: int = 0, protected: tuple[Path, ...] = ()
) -> bytes | Deny:
    """A file of ``skill`` through the file guard rooted at its folder (no way out)."""
    policy = FilePolicy(root=skill.folder, state_dir=None, protected_paths=protected)
    return read_bytes(policy, rel, limit, offset=offset)
