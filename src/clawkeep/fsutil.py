"""Where secret state touches the disk: private directories and atomic, private writes.

Secrets are created 0600 in 0700 directories and never widened; every write of state is
temp file + fsync + rename, so a crash leaves the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["PRIVATE_DIR_MODE", "PRIVATE_FILE_MODE", "atomic_write", "ensure_private_dir"]

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents we create) 0700; tighten it if it exists wider."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    st = path.lstat()
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise NotADirectoryError(f"{path} must be a real directory, not a link or a file")
    if stat.S_IMODE(st.st_mode) & 0o077:
        # Only ever narrow: group/other bits on a state directory expose secrets.
        os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077)
    return path


def atomic_write(path: Path, data: bytes | str, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write ``data`` to ``path`` atomically with permissions ``mode`` (0600 by default)."""
    raw = data.encode() if isinstance(data, str) else data
    parent = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        os.fchmod(fd, mode)  # before any byte lands: the secret is never readable by others
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dfd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dfd)  # the rename itself survives a crash
    finally:
        os.close(dfd)
