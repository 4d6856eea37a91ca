"""The file operations the tools call: the check and the use are one operation.

Each function parses the path, opens beneath the root, decides on what it opened, and
then reads, writes, lists or unlinks through the same fds: there is no "check a path,
then open it by name" step an attacker could race. ``check`` does the same resolution
and keeps nothing open.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from typing import TypeVar

from clawkeep.decision import Allow, Deny
from clawkeep.guards.file_guard._lexical import RelPath
from clawkeep.guards.file_guard._resolve import Root, deny_for, open_beneath, open_resolved
from clawkeep.guards.file_guard._target import (
    Missing,
    NameTarget,
    locate_name,
    parse,
    protection,
    regular_only,
)
from clawkeep.guards.file_guard.policy import FileOp, FilePolicy

__all__ = ["check", "delete", "list_dir", "open_read", "read_bytes", "write_bytes"]

T = TypeVar("T")
_READ_FLAGS = os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK  # a FIFO must not block the gateway
_NEW_FILE_MODE = 0o644
_READ_CHUNK = 1024 * 1024


def _with_root(policy: FilePolicy, path: str, body: Callable[[Root, RelPath], T]) -> T | Deny:
    rel = parse(policy, path)
    if isinstance(rel, Deny):
        return rel  # refused on its text: the filesystem is not even asked
    try:
        root = Root(str(policy.root), policy.backend)
    except OSError as err:
        return Deny("file_guard.no_root", f"the workspace root cannot be opened: {err.strerror}")
    try:
        return body(root, rel)
    except OSError as err:
        return deny_for(err)
    finally:
        root.close()


def _open_whole(policy: FilePolicy, root: Root, rel: RelPath, op: FileOp, flags: int) -> int | Deny:
    """Open the whole path (symlinks followed beneath the root) and decide on it."""
    fd, real = open_resolved(root, rel.text, rel.clean, flags)
    try:
        st = os.fstat(fd)
        if op is FileOp.LIST:
            problem = None if stat.S_ISDIR(st.st_mode) else Deny("file_guard.not_a_directory")
        else:
            problem = regular_only(st)
        problem = problem or protection(policy, op, real, (rel.clean,))
    except BaseException:
        os.close(fd)
        raise
    if problem is not None:
        os.close(fd)
        return problem
    return fd


def _missing_verdict(policy: FilePolicy, op: FileOp, names: tuple[str, ...]) -> Allow | Deny:
    # Nothing exists to escape through; the requested name must still not be protected.
    return protection(policy, op, None, names) or Allow(detail="does not exist yet")


def _check_whole(policy: FilePolicy, root: Root, rel: RelPath, op: FileOp) -> Allow | Deny:
    flags = os.O_PATH | (os.O_DIRECTORY if op is FileOp.LIST else 0)
    try:
        fd = _open_whole(policy, root, rel, op, flags)
    except FileNotFoundError:
        return _missing_verdict(policy, op, (rel.clean,))
    if isinstance(fd, Deny):
        return fd
    os.close(fd)
    return Allow()


def _name_verdict(policy: FilePolicy, op: FileOp, target: NameTarget) -> Deny | None:
    if target.st is not None and not stat.S_ISLNK(target.st.st_mode):
        problem = regular_only(target.st)
        if problem is not None:
            return problem
    return protection(policy, op, target.real, target.names)


def _check_name(policy: FilePolicy, root: Root, rel: RelPath, op: FileOp) -> Allow | Deny:
    follow = op is FileOp.WRITE  # a write goes through a final symlink; a delete removes it
    target = locate_name(policy, root, rel, follow=follow, dir_flags=os.O_PATH)
    if isinstance(target, Deny):
        return target
    if isinstance(target, Missing):
        return _missing_verdict(policy, op, target.names)
    try:
        if target.st is None:
            return _missing_verdict(policy, op, target.names)
        return _name_verdict(policy, op, target) or Allow()
    finally:
        os.close(target.parent_fd)


def check(policy: FilePolicy, path: str, op: FileOp) -> Allow | Deny:
    """Would ``op`` on ``path`` be allowed? Resolves for real; keeps nothing open.

    A path that does not exist (yet) is allowed when nothing on the way leaves the root
    and its name is not protected; the operation itself then answers ``not_found``.
    """

    def body(root: Root, rel: RelPath) -> Allow | Deny:
        if op in (FileOp.READ, FileOp.LIST):
            return _check_whole(policy, root, rel, op)
        return _check_name(policy, root, rel, op)

    return _with_root(policy, path, body)


def open_read(policy: FilePolicy, path: str) -> int | Deny:
    """An fd open for reading a regular file beneath the root (the caller closes it)."""
    return _with_root(
        policy, path, lambda root, rel: _open_whole(policy, root, rel, FileOp.READ, _READ_FLAGS)
    )


def read_bytes(policy: FilePolicy, path: str, max_bytes: int, offset: int = 0) -> bytes | Deny:
    """At most ``max_bytes`` bytes of a regular file beneath the root, from ``offset``.

    Read with ``pread``: only the asked window is read, whatever the offset (the bytes
    before it are never read into memory). A caller that must know whether the file was
    longer asks for one byte more.
    """
    fd = open_read(policy, path)
    if isinstance(fd, Deny):
        return fd
    try:
        out = bytearray()
        while len(out) < max_bytes:
            piece = os.pread(fd, min(max_bytes - len(out), _READ_CHUNK), offset + len(out))
            if not piece:
                break
            out += piece
        return bytes(out)
    finally:
        os.close(fd)


def list_dir(policy: FilePolicy, path: str) -> list[str] | Deny:
    """The sorted entry names of a directory beneath the root."""

    def body(root: Root, rel: RelPath) -> list[str] | Deny:
        fd = _open_whole(policy, root, rel, FileOp.LIST, os.O_RDONLY | os.O_DIRECTORY)
        if isinstance(fd, Deny):
            return fd
        try:
            return sorted(os.listdir(fd))
        finally:
            os.close(fd)

    return _with_root(policy, path, body)


def delete(policy: FilePolicy, path: str) -> Allow | Deny:
    """Unlink a file (or a symlink itself, never its target) through its parent's fd."""

    def body(root: Root, rel: RelPath) -> Allow | Deny:
        target = locate_name(policy, root, rel, follow=False, dir_flags=os.O_PATH)
        if isinstance(target, Missing):
            return Deny("file_guard.not_found", "no such file in the workspace")
        if isinstance(target, Deny):
            return target
        try:
            if target.st is None:
                return Deny("file_guard.not_found", "no such file in the workspace")
            problem = _name_verdict(policy, FileOp.DELETE, target)
            if problem is not None:
                return problem
            os.unlink(target.name, dir_fd=target.parent_fd)  # the name in the checked dir only
            return Allow()
        finally:
            os.close(target.parent_fd)

    return _with_root(policy, path, body)


def _make_parents(root: Root, parent: str) -> None:
    parts = [p for p in parent.split("/") if p]
    for i, part in enumerate(parts):
        if part in (".", ".."):
            continue
        base = "/".join(parts[:i]) or "."
        dir_fd = open_beneath(root, base, os.O_PATH | os.O_DIRECTORY)
        try:
            # mkdirat never follows the final name; an existing link is resolved next step.
            os.mkdir(part, 0o755, dir_fd=dir_fd)
        except FileExistsError:
            pass
        finally:
            os.close(dir_fd)


def _replace(target: NameTarget, data: bytes) -> None:
    """Temp file + fsync + renameat in the checked directory: the name is replaced whole."""
    mode = _NEW_FILE_MODE
    if target.st is not None and stat.S_ISREG(target.st.st_mode):
        mode = stat.S_IMODE(target.st.st_mode) & 0o777
    tmp = f".clawkeep-{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(tmp, flags, mode, dir_fd=target.parent_fd)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # renameat replaces the entry itself: a link or hard link swapped in meanwhile is
        # replaced, its target never written.
        os.rename(tmp, target.name, src_dir_fd=target.parent_fd, dst_dir_fd=target.parent_fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=target.parent_fd)
        raise
    os.fsync(target.parent_fd)


def write_bytes(
    policy: FilePolicy, path: str, data: bytes, *, create_parents: bool = False
) -> Allow | Deny:
    """Replace (or create) a file beneath the root atomically; follows in-root symlinks."""

    def body(root: Root, rel: RelPath) -> Allow | Deny:
        target = locate_name(policy, root, rel, follow=True, dir_flags=os.O_RDONLY)
        if isinstance(target, Missing):
            if not create_parents:
                return Deny("file_guard.not_found", "the parent directory does not exist")
            problem = protection(policy, FileOp.WRITE, None, target.names)
            if problem is not None:
                return problem
            _make_parents(root, target.parent)
            target = locate_name(policy, root, rel, follow=True, dir_flags=os.O_RDONLY)
        if isinstance(target, Missing):
            return Deny("file_guard.not_found", "the parent directory vanished")
        if isinstance(target, Deny):
            return target
        try:
            problem = _name_verdict(policy, FileOp.WRITE, target)
            if problem is not None:
                return problem
            _replace(target, data)
            return Allow()
        finally:
            os.close(target.parent_fd)

    return _with_root(policy, path, body)
