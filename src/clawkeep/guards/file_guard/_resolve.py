"""Open beneath the root (openat2 or the fd walk) and say what an opened fd really is.

Every open here is relative to an fd of the workspace root and can never resolve outside
it; kernel refusals are turned into reason codes. The real path of an opened fd comes
from the kernel (/proc/self/fd), so protected patterns match what was opened, not what
was asked for.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from typing import Literal

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import _openat2
from clawkeep.guards.file_guard._walk import walk_open

__all__ = ["Backend", "Root", "deny_for", "open_beneath", "real_path"]

Backend = Literal["auto", "openat2", "walk"]

_DENIALS = {
    errno.EXDEV: ("symlink_escape", "a symlink on the way leads outside the workspace root"),
    errno.ELOOP: ("symlink_loop", "too many symlinks, a loop, or a /proc magic link"),
    errno.ENOENT: ("not_found", "no such file or directory in the workspace"),
    errno.ENOTDIR: ("not_a_directory", "a part of the path is not a directory"),
    errno.EISDIR: ("not_a_file", "the path is a directory"),
    errno.ENAMETOOLONG: ("name_too_long", "a name in the path is too long"),
    errno.EAGAIN: ("race", "the path changed while it was being resolved; try again"),
    errno.EACCES: ("permission", "the operating system refused access"),
    errno.EPERM: ("permission", "the operating system refused access"),
}


def deny_for(err: OSError) -> Deny:
    """The reason code for an OSError raised while resolving or using a path."""
    code, detail = _DENIALS.get(err.errno or 0, ("io_error", os.strerror(err.errno or 0)))
    return Deny(f"file_guard.{code}", detail)


@dataclass(frozen=True, slots=True)
class Root:
    """An open fd of the workspace root and its real path; close with :meth:`close`."""

    fd: int
    real: str
    use_openat2: bool

    @classmethod
    def open(cls, path: str, backend: Backend) -> Root:
        fd = os.open(path, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            real = real_path(fd)
        except OSError:
            os.close(fd)
            raise
        if backend == "openat2" and not _openat2.AVAILABLE:
            os.close(fd)
            raise OSError(errno.ENOSYS, "openat2 is not available on this kernel")
        return cls(fd, real, backend != "walk" and _openat2.AVAILABLE)

    def close(self) -> None:
        os.close(self.fd)

    def relative(self, real: str) -> str | None:
        """``real`` relative to the root ('.' for the root), None when not beneath it."""
        if real == self.real:
            return "."
        prefix = self.real.rstrip("/") + "/"
        return real[len(prefix) :] if real.startswith(prefix) else None


def open_beneath(root: Root, path: str, flags: int, mode: int = 0) -> int:
    """Open ``path`` (relative) beneath the root in one step; OSError on refusal."""
    if root.use_openat2:
        return _openat2.openat2(root.fd, path, flags, mode)
    return walk_open(root.fd, path, flags, mode)


def real_path(fd: int) -> str:
    """The kernel's current absolute path of an open fd."""
    target = os.readlink(f"/proc/self/fd/{fd}")
    if not target.startswith("/") or target.endswith(" (deleted)"):
        raise OSError(errno.ENOENT, "the opened file has no path any more")
    return target
