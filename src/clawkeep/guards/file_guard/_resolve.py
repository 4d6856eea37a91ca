"""Open beneath the root (openat2 or the fd walk) and say what an opened fd really is.

Every open here is relative to an fd of the workspace root and can never resolve outside
it; kernel refusals are turned into reason codes. The real path of an opened fd comes
from the kernel (/proc/self/fd), so protected patterns match what was opened, not what
was asked for.
"""

from __future__ import annotations

import errno
import os
from typing import Literal

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import _openat2
from clawkeep.guards.file_guard._walk import walk_open

__all__ = ["Backend", "Root", "deny_for", "open_beneath", "open_resolved", "real_path"]

Backend = Literal["auto", "openat2", "walk"]

_DENIALS = {
    errno.EXDEV: (
        "file_guard.symlink_escape",
        "a symlink on the way leads outside the workspace root",
    ),
    errno.ELOOP: ("file_guard.symlink_loop", "too many symlinks, a loop, or a /proc magic link"),
    errno.ENOENT: ("file_guard.not_found", "no such file or directory in the workspace"),
    errno.ENOTDIR: ("file_guard.not_a_directory", "a part of the path is not a directory"),
    errno.EISDIR: ("file_guard.not_a_file", "the path is a directory"),
    errno.ENAMETOOLONG: ("file_guard.name_too_long", "a name in the path is too long"),
    errno.EAGAIN: ("file_guard.race", "the path changed while it was being resolved; try again"),
    errno.EACCES: ("file_guard.permission", "the operating system refused access"),
    errno.EPERM: ("file_guard.permission", "the operating system refused access"),
}


def deny_for(err: OSError) -> Deny:
    """The reason code for an OSError raised while resolving or using a path."""
    code, detail = _DENIALS.get(
        err.errno or 0, ("file_guard.io_error", os.strerror(err.errno or 0))
    )
    return Deny(code, detail)


class Root:
    """An open fd of the workspace root for one call; close with :meth:`close`."""

    __slots__ = ("_real", "fd", "use_openat2")

    def __init__(self, path: str, backend: Backend) -> None:
        self.use_openat2 = backend != "walk" and _openat2.AVAILABLE
        self.fd = os.open(path, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
        self._real: str | None = None

    def close(self) -> None:
        os.close(self.fd)

    def real(self) -> str:
        """The root's real path now, asked of the kernel once per call when needed."""
        if self._real is None:
            self._real = real_path(self.fd)
        return self._real

    def relative(self, real: str) -> str | None:
        """``real`` relative to the root ('.' for the root), None when not beneath it."""
        root = self.real()
        if real == root:
            return "."
        prefix = root.rstrip("/") + "/"
        return real[len(prefix) :] if real.startswith(prefix) else None


def open_beneath(root: Root, path: str, flags: int, *, symlinks: bool = True) -> int:
    """Open ``path`` (relative) beneath the root in one step; OSError on refusal."""
    if root.use_openat2:
        return _openat2.openat2(root.fd, path, flags, symlinks=symlinks)
    return walk_open(root.fd, path, flags, symlinks=symlinks)


def open_resolved(root: Root, path: str, clean: str, flags: int) -> tuple[int, str]:
    """Open ``path`` beneath the root; (fd, its real path relative to the root).

    First without symlinks: then the real path is the lexically ``clean`` one and the
    kernel need not be asked. A symlink on the way (ELOOP) means opening again with
    symlinks followed beneath the root, and asking the kernel where the fd landed.
    """
    try:
        return open_beneath(root, path, flags, symlinks=False), clean
    except OSError as err:
        if err.errno != errno.ELOOP:
            raise
    fd = open_beneath(root, path, flags)
    try:
        rel = root.relative(real_path(fd))
    except BaseException:
        os.close(fd)
        raise
    if rel is None:
        os.close(fd)
        raise OSError(errno.EXDEV, "the opened file is not beneath the root", path)
    return fd, rel


def real_path(fd: int) -> str:
    """The kernel's current absolute path of an open fd."""
    target = os.readlink(f"/proc/self/fd/{fd}")
    if not target.startswith("/") or target.endswith(" (deleted)"):
        raise OSError(errno.ENOENT, "the opened file has no path any more")
    return target
