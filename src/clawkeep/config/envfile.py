"""The install's secrets file: ``<state dir>/.env``, read into ``${VAR}`` substitution.

`clawkeep init` writes the secrets there (0600) instead of into the config, and the
service unit reads the same file, so `clawkeep gateway run` works without exporting
anything. The process environment wins over the file. A file that others can read, that
is not a regular file, or that belongs to another user is refused: its secrets are
already exposed, or it is not ours to trust.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Mapping

from dotenv import dotenv_values

from clawkeep.config.errors import ConfigError, ConfigIssue
from clawkeep.config.paths import InstallPaths

__all__ = ["ENV_FILE", "env_file_path", "with_env_file"]

ENV_FILE = ".env"
_MAX_BYTES = 256 * 1024


def env_file_path(paths: InstallPaths) -> str:
    return str(paths.state_dir / ENV_FILE)


def _refuse(path: str, message: str, hint: str) -> ConfigError:
    return ConfigError([ConfigIssue("config.env_file", (), message, None, hint=hint)])


def with_env_file(env: Mapping[str, str], paths: InstallPaths) -> Mapping[str, str]:
    """``env`` with the state dir's ``.env`` beneath it (``env`` wins); ``env`` if none."""
    path = env_file_path(paths)
    try:
        # O_NONBLOCK: a FIFO planted here must not hang every command until a writer comes.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        return env
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW: a link could point anywhere
            raise _refuse(
                path, f"{path} is a symbolic link", "replace it with a plain file"
            ) from None
        raise _refuse(path, f"{path} cannot be read: {exc.strerror}", "fix or remove it") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(path, f"{path} is not a regular file", "replace it with a plain file")
        if st.st_uid != os.geteuid():
            raise _refuse(path, f"{path} belongs to another user", "chown it to this user")
        if stat.S_IMODE(st.st_mode) & 0o077:
            # Secrets others can read are already leaked: refuse rather than use them.
            raise _refuse(path, f"{path} is readable by others", f"chmod 600 {path}")
        raw = os.read(fd, _MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(raw) > _MAX_BYTES:
        raise _refuse(path, f"{path} is larger than {_MAX_BYTES} bytes", "it holds secrets only")
    values = dotenv_values(stream=io.StringIO(raw.decode("utf-8", errors="replace")))
    merged = {k: v for k, v in values.items() if v is not None}
    merged.update(env)
    return merged
