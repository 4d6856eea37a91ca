"""Why a place holds a secret or plants code that runs later: credential files and
folders, glob and file-name patterns that hunt for them, start-up files, and the
owner's own program folders.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache

from clawkeep.guards.command_guard._model import CommandContext
from clawkeep.guards.command_guard._path_tables import (
    BY_FIRST,
    CREDENTIALS,
    KEY_FILES,
    PERSISTENCE,
    PROC_SECRETS,
    PUBLIC_SSH,
    SECRET_FILES,
    STORE_NAMES,
    STORES,
    USER_BINS,
)
from clawkeep.guards.command_guard._paths import Place, under

__all__ = [
    "credential",
    "credential_name",
    "glob_credential",
    "holds_credentials",
    "persistence",
    "user_bin",
    "user_bin_entry",
]


@lru_cache(maxsize=4096)
def credential(found: Place, ctx: CommandContext) -> str | None:
    """Why reading this path would read a secret, or None."""
    if found.kind == "state":
        return "clawkeep's state directory holds its tokens and keys"
    if found.kind == "workspace":
        return None  # the agent's own tree: its files are already the agent's
    parts = [p for p in found.path.split("/") if p]
    if parts and (parts[-1].endswith(".pub") or parts[-1] in PUBLIC_SSH):
        return None  # public keys (and the hosts' public keys) are public
    if PROC_SECRETS.match(found.path):
        return "another process's memory or environment holds its secrets"
    store = STORES.search(found.path)
    if store is not None:
        return "a browser profile, keychain or password vault holds credentials"
    for i, part in enumerate(parts):
        for seq in BY_FIRST.get(part, ()):
            if tuple(parts[i : i + len(seq)]) == seq:
                return f"{'/'.join(seq)} holds credentials"
    return None


def holds_credentials(found: Place, ctx: CommandContext) -> bool:
    """A folder of home that holds a credential location (``~/.config`` holds ``gcloud``,
    ``gh``; ``~/.local/share`` holds ``keyrings``): a recursive read of it reads them too."""
    home = str(ctx.home) if ctx.home else None
    if home is None or not found.path.startswith(home.rstrip("/") + "/"):
        return False
    rel = tuple(p for p in found.path[len(home) :].split("/") if p)
    if not rel:
        return False
    return any(len(seq) > len(rel) and seq[: len(rel)] == rel for seq in CREDENTIALS)


def glob_credential(pattern: str, ctx: CommandContext) -> str | None:
    """Why a glob pattern would match a well-known secret file, or None."""
    home = str(ctx.home) if ctx.home else "~"
    pattern = home + pattern[1:] if pattern.startswith("~/") else pattern
    if not pattern.startswith("/"):
        return None
    for secret in SECRET_FILES:
        path = home + secret[1:] if secret.startswith("~") else secret
        if fnmatch.fnmatchcase(path, pattern):
            return f"the pattern matches {path}"
    if under(pattern, str(ctx.workspace or "/\x01")):
        return None
    if STORES.search(pattern):
        return "the pattern names files in a browser profile, keychain or vault"
    if PROC_SECRETS.match(re.sub(r"[*?]+|\[[^\]]*\]", "x", pattern)):
        return "the pattern names another process's memory or environment"
    return _glob_location(pattern)


def _glob_location(pattern: str) -> str | None:
    """A pattern that spells out a credential location, globs standing in only for the
    parts around it (``/home/*/.bash_history``, ``/home/*/.ssh/*``): a glob in place of
    the location itself (``~/.config/*/config.json``) names nothing in particular."""
    parts = [p for p in pattern.split("/") if p]
    if parts and (parts[-1].endswith(".pub") or parts[-1] in PUBLIC_SSH):
        return None  # public keys and known hosts, whoever's home they are in
    for i, part in enumerate(parts):
        for seq in BY_FIRST.get(part, ()):
            if tuple(parts[i : i + len(seq)]) == seq:
                return f"the pattern matches {'/'.join(seq)}, which holds credentials"
    return None


def credential_name(pattern: str, outside: bool) -> str | None:
    """Why a file-name pattern (find -name) hunts for credentials, or None.

    Key-file suffixes (``*.pem``) count only when the search runs outside the workspace.
    """
    if STORE_NAMES.search(pattern):
        return f"searching for {pattern} hunts for browser or vault credentials"
    name = pattern.strip("*").lstrip(".")
    for seq in CREDENTIALS:
        if seq[-1].lstrip(".") == name and seq[-1] not in ("environ",):
            return f"searching for {seq[-1]} hunts for credentials"
    if outside and KEY_FILES.search(pattern):
        return f"searching for {pattern} outside the workspace hunts for keys"
    return None


def persistence(found: Place, ctx: CommandContext) -> str | None:
    """Why writing this path plants code that runs later, or None."""
    path = found.path
    if found.kind == "temp":
        return None
    if PERSISTENCE.search(path):
        return f"{path} runs code at log-in, on a schedule or on a git action"
    return None


def user_bin(found: Place, ctx: CommandContext) -> bool:
    """The path is ~/.local/bin or ~/bin itself."""
    home = str(ctx.home).rstrip("/") if ctx.home else None
    return home is not None and found.path.rstrip("/") in {f"{home}/{d}" for d in USER_BINS}


def user_bin_entry(found: Place, ctx: CommandContext) -> str | None:
    """The file name, when the path is a file right inside ~/.local/bin or ~/bin."""
    home = str(ctx.home).rstrip("/") if ctx.home else None
    if home is None or found.kind != "home":
        return None
    folder, _, name = found.path.rstrip("/").rpartition("/")
    return name if folder in {f"{home}/{d}" for d in USER_BINS} and name else None
