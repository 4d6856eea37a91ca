"""The state dir's layout, created private: 0700 folders, 0600 files, never widened.

clawkeep.json, credentials/, agents/<id>/agent/auth-profiles.json,
agents/<id>/sessions/, identity/, logs/.
"""

from __future__ import annotations

from clawkeep.config.paths import InstallPaths
from clawkeep.fsutil import ensure_private_dir

__all__ = ["ensure_state_dir"]


def ensure_state_dir(paths: InstallPaths, agent_ids: tuple[str, ...] = ()) -> None:
    """Create the state dir and its folders 0700 (tightening any that are wider)."""
    ensure_private_dir(paths.state_dir)
    for folder in (paths.credentials_dir, paths.identity_dir, paths.logs_dir, paths.agents_dir):
        ensure_private_dir(folder)
    for agent_id in agent_ids:
        ensure_private_dir(paths.agent_dir(agent_id))
        ensure_private_dir(paths.sessions_dir(agent_id))
