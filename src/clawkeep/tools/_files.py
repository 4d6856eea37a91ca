"""The file tools' shared decisions: the file-guard policy of the agent's workspace and the
workspace access the sandbox grants (a sandboxed agent gets none unless configured).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from clawkeep.config.schema.guard_file import FileGuardConfig
from clawkeep.decision import Deny
from clawkeep.guards.file_guard import FilePolicy, policy_from_config
from clawkeep.risk import IDENTITY_FILES
from clawkeep.skills import WORKSPACE_SKILLS
from clawkeep.tools.base import ToolContext

__all__ = ["MAX_FILE_BYTES", "SKILL_PATTERNS", "access_problem", "file_policy", "identity_problem"]

MAX_FILE_BYTES = 1024 * 1024
SKILL_PATTERNS = (f"/{WORKSPACE_SKILLS}", f"/{WORKSPACE_SKILLS}/**")


def file_policy(ctx: ToolContext) -> FilePolicy:
    """The file-guard policy rooted at the agent's workspace; the state dir stays out."""
    return _policy(
        ctx.agent.workspace, ctx.config.guards.file, ctx.paths.state_dir, ctx.paths.config_path
    )


@functools.lru_cache(maxsize=64)
def _policy(root: Path, cfg: FileGuardConfig, state_dir: Path, config_path: Path) -> FilePolicy:
    # A FilePolicy holds no fds and is immutable: one per workspace and config is enough.
    # The workspace's skills/ is read-only to every tool: no agent installs or edits a skill.
    locked = cfg.model_copy(update={"read_only": (*cfg.read_only, *SKILL_PATTERNS)})
    return policy_from_config(root, locked, state_dir, protected_paths=(config_path,))


def access_problem(ctx: ToolContext, reason: str, need: Literal["ro", "rw"]) -> Deny | None:
    """A sandboxed agent's file tools see the workspace only as `workspaceAccess` allows."""
    if not ctx.sandboxed:
        return None
    have = ctx.agent.sandbox.workspace_access or "none"  # the safe default: no access
    if have == "rw" or (need == "ro" and have == "ro"):
        return None
    return Deny(reason, f"sandbox workspaceAccess is {have!r}")


def identity_problem(ctx: ToolContext, path: str, reason: str) -> Deny | None:
    """Belt and braces over the file-guard: SOUL.md / AGENTS.md / USER.md stay read-only."""
    if ctx.config.guards.file.unlock_identity_files:
        return None  # spelled out in the config; the audit reports it
    last = path.replace("\\", "/").rstrip("/ ").rsplit("/", 1)[-1].strip().casefold()
    if any(last == name.casefold() for name in IDENTITY_FILES):
        # The agent must not rewrite the files that make its own system prompt.
        return Deny(reason, f"{last} shapes the agent and is locked")
    return None
