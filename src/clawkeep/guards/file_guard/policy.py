"""The file-guard's policy value: the root, the protected patterns and paths, the op kinds.

A policy is built once from typed config (``policy_from_config``) and passed to every
call; it holds no open fds, so it can be shared between threads and agents.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from clawkeep.config.schema.guard_file import FileGuardConfig
from clawkeep.guards.file_guard._openat2 import AVAILABLE as _OPENAT2
from clawkeep.guards.file_guard._resolve import Backend
from clawkeep.guards.file_guard.patterns import Level, ProtectedPatterns

__all__ = ["FileOp", "FilePolicy", "openat2_available", "policy_from_config"]


def openat2_available() -> bool:
    """Whether this kernel resolves with openat2 (else the fd walk is used)."""
    return _OPENAT2


class FileOp(StrEnum):
    """What a file tool wants to do with a path."""

    READ = "read"
    WRITE = "write"
    DELETE = "delete"
    LIST = "list"


# The least protection level that refuses each op.
REFUSED_FROM: dict[FileOp, Level] = {
    FileOp.READ: Level.NO_ACCESS,
    FileOp.LIST: Level.NO_ACCESS,
    FileOp.WRITE: Level.READ_ONLY,
    FileOp.DELETE: Level.NO_DELETE,
}


@dataclass(frozen=True)
class FilePolicy:
    """Where an agent's file tools may act and what stays protected there.

    ``protected`` defaults to the built-in patterns (identity files locked unless
    ``unlock_identity_files``); ``state_dir`` and ``protected_paths`` (e.g. the config
    file) are absolute paths never opened, even when the workspace lies inside them.
    ``backend`` forces the resolver ("walk" tests the fallback for kernels without
    openat2); ``portable_names`` refuses names Windows tools would misread.
    """

    root: Path
    protected: ProtectedPatterns | None = None
    unlock_identity_files: bool = False
    state_dir: Path | None = None
    protected_paths: tuple[Path, ...] = ()
    portable_names: bool = True
    backend: Backend = "auto"
    root_spellings: tuple[str, ...] = field(init=False, default=())
    guarded_rel: tuple[str, ...] = field(init=False, default=())
    guard_all: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        if self.backend == "openat2" and not openat2_available():
            raise ValueError("backend 'openat2' asked for, but this kernel has no openat2")
        if self.protected is None:
            built = ProtectedPatterns.build(unlock_identity_files=self.unlock_identity_files)
            object.__setattr__(self, "protected", built)
        spelled, real = os.path.abspath(self.root), os.path.realpath(self.root)
        object.__setattr__(self, "root_spellings", (spelled, real))
        extra = (self.state_dir,) if self.state_dir is not None else ()
        inside: list[str] = []
        for guarded in (os.path.realpath(p) for p in (*extra, *self.protected_paths)):
            if guarded == real:
                # The workspace is the state dir itself: nothing in it may be opened.
                object.__setattr__(self, "guard_all", True)
            elif guarded.startswith(real.rstrip("/") + "/"):
                inside.append(guarded[len(real.rstrip("/")) + 1 :])
            # A state dir around the workspace (or beside it) is out of reach anyway.
        object.__setattr__(self, "guarded_rel", tuple(inside))

    @property
    def patterns(self) -> ProtectedPatterns:
        assert self.protected is not None  # set in __post_init__
        return self.protected


def policy_from_config(
    root: Path,
    cfg: FileGuardConfig,
    state_dir: Path | None,
    *,
    protected_paths: tuple[Path, ...] = (),
    backend: Backend = "auto",
) -> FilePolicy:
    """The policy of one agent's workspace from its (already merged) file-guard config."""
    patterns = ProtectedPatterns.build(
        no_access=cfg.no_access,
        read_only=cfg.read_only,
        no_delete=cfg.no_delete,
        unlock_identity_files=cfg.unlock_identity_files,
    )
    return FilePolicy(
        root=root,
        protected=patterns,
        unlock_identity_files=cfg.unlock_identity_files,
        state_dir=state_dir,
        protected_paths=protected_paths,
        portable_names=cfg.portable_names,
        backend=backend,
    )
