"""openat2(2) with RESOLVE_BENEATH through ctypes: resolve and open in one system call.

The kernel refuses (EXDEV) any resolution that would leave the directory fd: ``..``
above it, absolute symlinks, symlinks that climb out; RESOLVE_NO_MAGICLINKS refuses
/proc-style magic links (ELOOP). There is no window between the check and the open.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import sys
from collections.abc import Callable

__all__ = ["AVAILABLE", "openat2"]

RESOLVE_NO_XDEV = 0x01
RESOLVE_NO_MAGICLINKS = 0x02
RESOLVE_NO_SYMLINKS = 0x04
RESOLVE_BENEATH = 0x08

_SYS_OPENAT2 = {"x86_64": 437, "aarch64": 437, "arm64": 437}.get(platform.machine())
_EAGAIN_RETRIES = 8  # the kernel asks to retry when a rename raced a `..` lookup


class _OpenHow(ctypes.Structure):
    _fields_ = (
        ("flags", ctypes.c_uint64),
        ("mode", ctypes.c_uint64),
        ("resolve", ctypes.c_uint64),
    )


def _load() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux") or _SYS_OPENAT2 is None:
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    syscall = libc.syscall
    syscall.restype = ctypes.c_long
    syscall.argtypes = (
        ctypes.c_long,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.POINTER(_OpenHow),
        ctypes.c_size_t,
    )
    func: Callable[..., int] = syscall
    return func


_syscall = _load()


def _probe() -> bool:
    if _syscall is None:
        return False
    try:
        fd = openat2(os.open("/", os.O_PATH | os.O_CLOEXEC), ".", os.O_PATH, close_dirfd=True)
    except OSError:
        return False  # ENOSYS (kernel < 5.6) or a seccomp filter: use the fd walk
    os.close(fd)
    return True


def openat2(
    dirfd: int,
    path: str,
    flags: int,
    mode: int = 0,
    *,
    symlinks: bool = True,
    close_dirfd: bool = False,
) -> int:
    """Open ``path`` beneath ``dirfd``; raises OSError with the kernel's errno.

    ``symlinks=False`` adds RESOLVE_NO_SYMLINKS (ELOOP on any symlink): when it succeeds,
    the opened file's real path is the lexically cleaned path.
    """
    assert _syscall is not None, "openat2 is not available on this system"
    resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | (0 if symlinks else RESOLVE_NO_SYMLINKS)
    how = _OpenHow(flags | os.O_CLOEXEC, mode, resolve)
    raw = os.fsencode(path)
    try:
        for _ in range(_EAGAIN_RETRIES):
            fd = int(_syscall(_SYS_OPENAT2, dirfd, raw, ctypes.byref(how), ctypes.sizeof(how)))
            if fd >= 0:
                return fd
            err = ctypes.get_errno()
            if err not in (errno.EAGAIN, errno.EINTR):
                raise OSError(err, os.strerror(err), path)
        raise OSError(errno.EAGAIN, os.strerror(errno.EAGAIN), path)
    finally:
        if close_dirfd:
            os.close(dirfd)


AVAILABLE: bool = _probe()
"""True when this kernel has openat2 (Linux 5.6+) and nothing filters it."""
