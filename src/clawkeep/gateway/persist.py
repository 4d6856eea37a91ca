"""Writing a generated gateway token into the config file, safely.

The shared config editor sets `gateway.auth.token` in place, keeping the file's comments
and layout, after a 0600 backup of the old file; the write is atomic and 0600. The file is
parsed again before the gateway relies on it.
"""

from __future__ import annotations

from pathlib import Path

import pyjson5

from clawkeep.config.edit import ConfigEdit, EditError, apply_edits
from clawkeep.fsutil import ensure_private_dir

__all__ = ["TOKEN_PATH", "TokenPersistError", "persist_gateway_token"]

TOKEN_PATH = ("gateway", "auth", "token")


class TokenPersistError(Exception):
    """The config file could not be updated; it was left as it was."""


def persist_gateway_token(config_path: Path, token: str) -> Path | None:
    """Store ``token`` at gateway.auth.token; returns the backup path (None: a new file)."""
    ensure_private_dir(config_path.parent)
    try:
        backup = apply_edits(config_path, [ConfigEdit(TOKEN_PATH, token)])
        stored = pyjson5.decode(config_path.read_text(encoding="utf-8"))
    except (EditError, OSError, ValueError) as exc:
        raise TokenPersistError(f"could not store the token in {config_path}: {exc}") from None
    node = stored
    for key in TOKEN_PATH:
        node = node.get(key) if isinstance(node, dict) else None
    if node != token:
        raise TokenPersistError(f"{config_path} did not keep the token after writing.")
    return backup
