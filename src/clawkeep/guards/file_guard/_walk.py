"""The fallback when openat2 is missing: a component walk with dir fds and O_NOFOLLOW.

It gives openat2's RESOLVE_BENEATH answers (EXDEV for any escape, ELOOP for loops,
ENOENT, ENOTDIR): every step opens one name relative to the fd of the directory it is in,
never a path; ``..`` pops our own stack of fds instead of asking the kernel for a parent
(so a directory moved away mid-walk cannot lead out); symlinks are read with readlinkat
and spliced in, and an absolute target is refused like openat2 refuses it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections import deque

__all__ = ["walk_open"]

_MAX_SYMLINKS = 40  # the kernel's own limit (MAXSYMLINKS)


def _fail(code: int, path: str) -> OSError:
    return OSError(code, os.strerror(code), path)


def _open_step(name: str, dirfd: int, flags: int, mode: int, path: str) -> tuple[int, bool]:
    """Open ``name`` without following it; (fd, is_symlink)."""
    fd = os.open(name, os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dirfd)
    st = os.fstat(fd)
    if stat.S_ISLNK(st.st_mode):
        return fd, True
    if flags == os.O_PATH:
        return fd, False
    os.close(fd)
    real = os.open(name, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode, dir_fd=dirfd)
    again = os.fstat(real)
    if (again.st_dev, again.st_ino) != (st.st_dev, st.st_ino):
        os.close(real)  # swapped between the two opens: let the caller retry or refuse
        raise _fail(errno.EAGAIN, path)
    return real, False


def walk_open(dirfd: int, path: str, flags: int, mode: int = 0, *, symlinks: bool = True) -> int:
    """Open ``path`` beneath ``dirfd`` like openat2(RESOLVE_BENEATH|NO_MAGICLINKS).

    ``symlinks=False`` refuses any symlink with ELOOP, like RESOLVE_NO_SYMLINKS.
    """
    stack = [os.open(".", os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC, dir_fd=dirfd)]
    queue = deque(path.split("/"))
    links = 0
    try:
        while True:
            while queue and queue[0] in ("", "."):
                queue.popleft()
            if not queue:
                # The path ended on a directory ("", ".", "..", or a link to one).
                return os.open(".", flags | os.O_CLOEXEC, mode, dir_fd=stack[-1])
            name = queue.popleft()
            if name == "..":
                if len(stack) == 1:
                    raise _fail(errno.EXDEV, path)  # above the root: never leave it
                os.close(stack.pop())
                continue
            last = not any(part not in ("", ".") for part in queue)
            must_dir = not last or bool(queue)  # "name/" must be a directory
            step_flags = flags if last and not must_dir else os.O_PATH
            fd, is_link = _open_step(name, stack[-1], step_flags, mode, path)
            if is_link:
                os.close(fd)
                links += 1
                if links > _MAX_SYMLINKS or not symlinks:
                    raise _fail(errno.ELOOP, path)
                target = os.readlink(name, dir_fd=stack[-1])
                if target.startswith("/"):
                    raise _fail(errno.EXDEV, path)  # absolute target: not beneath the root
                queue.extendleft(reversed(target.split("/")))
                continue
            if last and not must_dir:
                return fd
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                os.close(fd)
                raise _fail(errno.ENOTDIR, path)
            stack.append(fd)
    finally:
        for fd in stack:
            os.close(fd)
