"""How much disk one sandboxed command may fill: `limits.diskQuotaMb`, enforced while it
runs. A scratch workspace and /tmp are size-limited tmpfs mounts (the kernel refuses the
write past the size); a host workspace (ro/rw) is watched: the filesystem's free space is
read every few milliseconds, and once it has shrunk by the quota the workspace is measured
exactly (its files plus deleted files the sandbox still holds open) and the command is
killed when its growth passes the quota.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

__all__ = ["MAX_NEW_NAMES", "POLL_SECONDS", "DiskWatch", "tree_size"]

POLL_SECONDS = 0.05  # between free-space reads: the overshoot is what one poll lets through
MAX_NEW_NAMES = 100_000  # files and dirs one command may create in the workspace


def tree_size(root: str) -> tuple[int, int]:
    """(allocated bytes, names) under ``root``, links not followed."""
    total = names = 0
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            total += st.st_blocks * 512
            names += 1
            if stat.S_ISDIR(st.st_mode):
                stack.append(entry.path)
    return total, names


def _held_deleted(pids: Callable[[], set[int]]) -> int:
    """Bytes of deleted files the jail's processes keep open (invisible to a walk)."""
    total = 0
    seen: set[tuple[int, int]] = set()
    for pid in pids():
        fd_dir = Path(f"/proc/{pid}/fd")
        try:
            fds = list(fd_dir.iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                if not os.readlink(fd).endswith(" (deleted)"):
                    continue
                st = fd.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total


def _free(root: str) -> tuple[int, int]:
    st = os.statvfs(root)
    return st.f_bavail * st.f_frsize, st.f_favail


class DiskWatch:
    """Polled by the run loop: returns ``sandbox.disk_quota`` once the quota is passed
    (bytes, or ``MAX_NEW_NAMES`` new files: inodes run out before blocks do)."""

    def __init__(
        self,
        root: Path,
        quota_bytes: int,
        baseline: int,
        pids: Callable[[], set[int]],
        *,
        baseline_names: int = 0,
    ) -> None:
        self.root, self.quota, self.baseline, self.pids = str(root), quota_bytes, baseline, pids
        self.baseline_names = baseline_names
        self.free_at_start, self.inodes_at_start = _free(self.root)
        self.checks = 0  # exact measurements made (the bench prints it)

    def __call__(self) -> str | None:
        try:
            free, inodes = _free(self.root)
        except OSError:
            return None
        shrunk, made = self.free_at_start - free, self.inodes_at_start - inodes
        if shrunk <= self.quota and made <= MAX_NEW_NAMES:
            return None  # the whole filesystem grew less than the quota: nothing to measure
        self.checks += 1
        size, names = tree_size(self.root)
        grown = size + _held_deleted(self.pids) - self.baseline
        if grown > self.quota or names - self.baseline_names > MAX_NEW_NAMES:
            return "sandbox.disk_quota"  # the kill: the command filled its quota
        # Other writers on the same disk: measure again only after another quota's worth.
        self.free_at_start -= max(shrunk - max(grown, 0), 0)
        self.inodes_at_start -= max(made - max(names - self.baseline_names, 0), 0)
        return None
