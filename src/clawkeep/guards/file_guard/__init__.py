"""The file-guard: every file tool path is opened beneath the workspace root, or refused.

Resolution and open are one system call (openat2 with RESOLVE_BENEATH, or an O_NOFOLLOW
walk with dir fds where openat2 is missing), so there is no window between the check and
the use. Refused: ``..`` above the root, absolute paths outside it, backslashes, NUL and
invisible characters, encoded traversals, symlinks (and symlinked parents) that leave the
root, hard links (a second name of an outside file), and protected paths by level
(no_access, read_only, no_delete), matched on the path that was actually opened.

File tools call ``read_bytes``, ``write_bytes``, ``delete``, ``list_dir`` (or
``open_read`` for an fd); ``check`` answers what they would decide, opening nothing it
keeps. Every refusal is a ``Deny`` with a stable ``file_guard.*`` reason code.
"""

from __future__ import annotations

from clawkeep.guards.file_guard._ops import (
    check,
    delete,
    list_dir,
    open_read,
    read_bytes,
    write_bytes,
)
from clawkeep.guards.file_guard._resolve import Backend
from clawkeep.guards.file_guard.patterns import Level, ProtectedPatterns
from clawkeep.guards.file_guard.policy import (
    FileOp,
    FilePolicy,
    openat2_available,
    policy_from_config,
)

__all__ = [
    "Backend",
    "FileOp",
    "FilePolicy",
    "Level",
    "ProtectedPatterns",
    "check",
    "delete",
    "list_dir",
    "open_read",
    "openat2_available",
    "policy_from_config",
    "read_bytes",
    "write_bytes",
]
