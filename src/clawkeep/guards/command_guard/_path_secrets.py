"""Why a place holds a secret or plants code that runs later: credential files and
folders, glob and file-name patterns that hunt for them, start-up files, and the
owner's own program folders.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache

from clawkeep.guards.command_guard._io_tables import TEMP_ROOTS
from clawkeep.guards.command_guard._model import CommandContext
from clawkeep.guards.command_guard._path_tables import (
    APP_SECRETS,
    BY_FIRST,
    CLI_HOMES,
    CREDENTIALS,
    KERNEL_HOOKS,
    KEY_FILES,
    NOT_SECRET,
    NOT_SECRET_FILE,
    PERSISTENCE,
    PROC_SECRETS,
    PUBLIC_SSH,
    SECRET_DIRS,
    SECRET_FILES,
    SECRET_NAME,
    SECRET_TAIL,
    STORE_NAMES,
    STORES,
    SYSTEM_TREES,
    USER_BINS,
    WEB_STORAGE,
)
from clawkeep.guards.command_guard._paths import Place, under

__all__ = [
    "credential",
    "credential_name",
    "glob_credential",
    "holds_credentials",
    "persistence",
    "secret_shaped",
    "user_bin",
    "user_bin_entry",
    "worst_entry",
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
    if parts and parts[-1] in NOT_SECRET:
        return None  # a choice kept beside the secrets, not a secret
    for i, part in enumerate(parts):
        for seq in BY_FIRST.get(part, ()):
            if tuple(parts[i : i + len(seq)]) == seq:
                return f"{'/'.join(seq)} holds credentials"
    return secret_shaped(found, ctx)


def _cli_home(found: Place, ctx: CommandContext) -> str | None:
    """The platform whose CLI folder of home holds the path (``~/.stripe/…``,
    ``~/.config/netlify/…``, ``~/.local/share/cloudflared/…``), caches and logs aside."""
    home = str(ctx.home).rstrip("/") if ctx.home else None
    if found.kind != "home" or home is None:
        return None
    rel = [p for p in found.path[len(home) :].split("/") if p]
    for prefix in ((), (".config",), (".local", "share")):
        at = len(prefix)
        if tuple(rel[:at]) != prefix or len(rel) <= at:
            continue
        tool = rel[at]
        dotted = tool.startswith(".") if not prefix else True
        if dotted and tool.lstrip(".").lower() in CLI_HOMES:
            inner = {p.lower() for p in rel[at + 1 :]}
            return None if inner & {"cache", "logs", "log", "tmp"} else tool.lstrip(".")
    return None


def secret_shaped(found: Place, ctx: CommandContext) -> str | None:
    """Why a path outside the workspace holds a secret by its name alone: a key file, a
    token, password or credentials file, a wallet, or any file in a folder named for
    secrets or keys; the system's program folders and package trees do not count."""
    if found.kind not in ("home", "outside") or SYSTEM_TREES.search(found.path):
        return None
    tool = _cli_home(found, ctx)
    if tool is not None:  # whatever the file is called: `cert.pem` of cloudflared holds a token
        return f"{tool}'s CLI keeps its sign-in there"
    parts = [p for p in found.path.split("/") if p]
    name = parts[-1] if parts else ""
    if APP_SECRETS.match(name):
        return f"{name} holds an application's secrets (database passwords, API keys)"
    if not name or NOT_SECRET_FILE.search(name) or name.lower() in ("passwd", "passwd-"):
        return None  # code, documents, logs, certificates; /etc/passwd is public
    folder = next((d for d in parts[:-1] if d.lower() in SECRET_DIRS), None)
    if folder is not None:
        return f"{name} lies in a folder named {folder}"
    pattern = SECRET_NAME if "." in name.lstrip(".") else SECRET_TAIL
    if pattern.search(name):
        return f"{name} is named as a key, token, password or wallet"
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
    if parts and APP_SECRETS.match(parts[-1]) and not SYSTEM_TREES.search(pattern):
        return f"the pattern matches {parts[-1]} files, which hold applications' secrets"
    for i, part in enumerate(parts):
        for seq in BY_FIRST.get(part, ()):
            if tuple(parts[i : i + len(seq)]) == seq:
                return f"the pattern matches {'/'.join(seq)}, which holds credentials"
    return None


_GATEWAY_FILES = re.compile(r"(clawkeep|openclaw|clawdbot|moltbot)(\.json)?|exec-approvals\.json")


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
    if APP_SECRETS.match(pattern.strip("*")):
        return f"searching for {pattern} hunts for applications' secrets"
    if outside and KEY_FILES.search(pattern):
        return f"searching for {pattern} outside the workspace hunts for keys"
    if outside and _GATEWAY_FILES.fullmatch(name):
        # the gateway's config and state hold its token, pairing codes and approvals
        return f"searching for {pattern} outside the workspace hunts for the gateway's state"
    if outside and WEB_STORAGE.search(pattern):
        return f"searching for {pattern} outside the workspace hunts for web apps' tokens"
    return None


@lru_cache(maxsize=4096)  # pure in its arguments; every write of a line asks (~5 us a path)
def persistence(found: Place, ctx: CommandContext) -> str | None:
    """Why writing this path plants code that runs later, or None."""
    path = found.path
    if KERNEL_HOOKS.search(path):
        return f"{path} names a program the kernel starts as root"
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


def worst_entry(found: Place, ctx: CommandContext) -> str:
    """The file under a folder that a placeholder for "any file in here" may stand for,
    at its worst: a key when the folder holds one (``~`` -> ``~/.ssh/id_rsa``, ``/`` ->
    ``/etc/shadow``), else a plain name in it."""
    plain = found.path.rstrip("/") + "/found"
    if credential(found, ctx) is not None:
        return plain  # the folder is a credential place: whatever is in it is
    if found.kind == "temp" or found.path in TEMP_ROOTS:
        return plain  # scratch space (a home placed under /tmp is a test's, not a user's)
    home = str(ctx.home).rstrip("/") if ctx.home else None
    for secret in SECRET_FILES:
        path = home + secret[1:] if home and secret.startswith("~") else secret
        if path.startswith(found.path.rstrip("/") + "/") and not path.startswith("/proc"):
            return path
    if holds_credentials(found, ctx) and home is not None:
        rel = tuple(p for p in found.path[len(home) :].split("/") if p)
        seq = next(s for s in CREDENTIALS if len(s) > len(rel) and s[: len(rel)] == rel)
        return home + "/" + "/".join(seq)
    return plain
