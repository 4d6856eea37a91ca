"""Skills: instructions the owner installed (a folder with SKILL.md), listed in the
system prompt and read through the read tool; no agent can install or change one.
"""

from __future__ import annotations

from clawkeep.skills.catalog import (
    BUNDLED_DIR,
    SKILL_FILE,
    SKILL_NAME,
    WORKSPACE_SKILLS,
    Skill,
    agent_skills,
    all_skills,
    parse_front_matter,
    read_skill_file,
)

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
]
