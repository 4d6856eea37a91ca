"""Where a provider's key comes from: the config (`apiKey`, normally `${ENV}`), else the
agent's auth-profiles.json (a private, 0600 regular file of ours), else the variable other
agent tools read for that provider (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`,
`OPENROUTER_API_KEY`). ``key_source`` says which one, for the audit and the start summary.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from clawkeep.agents.providers.types import ProviderError
from clawkeep.config.schema.models import ProviderConfig

__all__ = ["ENV_KEYS", "KeySource", "key_source", "resolve_api_key"]

# The environment variable each built-in provider's key is read from when the config and
# the auth profiles name none (the names every other agent tool uses).
ENV_KEYS: dict[str, str] = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
}

_MAX_PROFILES_BYTES = 1024 * 1024


def _read_private(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ProviderError("provider.key_file_unreadable", f"{path}: {exc.strerror}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ProviderError("provider.key_file_unreadable", f"{path} is not a regular file")
        if stat.S_IMODE(st.st_mode) & 0o077:
            # A key file others can read is already leaked; refuse rather than use it.
            raise ProviderError(
                "provider.key_file_insecure", f"{path} is readable by others: chmod 600 {path}"
            )
        return os.read(fd, _MAX_PROFILES_BYTES)
    finally:
        os.close(fd)


def _from_profiles(provider_id: str, path: Path) -> str | None:
    raw = _read_private(path)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ProviderError("provider.key_file_unreadable", f"{path} is not JSON") from exc
    profiles = data.get("profiles", {}) if isinstance(data, dict) else {}
    if not isinstance(profiles, dict):
        return None
    for profile_id, profile in sorted(profiles.items()):
        if not isinstance(profile, dict):
            continue
        owner = profile.get("provider") or str(profile_id).split(":", 1)[0]
        if owner != provider_id:
            continue
        for field in ("key", "token", "apiKey", "access"):
            value = profile.get(field)
            if isinstance(value, str) and value:
                return value
    return None


KeySource = str  # "config", "auth-profiles", "env:<NAME>" or "none"


def _lookup(
    provider_id: str, cfg: ProviderConfig, auth_profiles: Path | None, env: Mapping[str, str]
) -> tuple[str | None, KeySource]:
    if cfg.api_key is not None and cfg.api_key.get_secret_value():
        return cfg.api_key.get_secret_value(), "config"
    if auth_profiles is not None:
        found = _from_profiles(provider_id, auth_profiles)
        if found:
            return found, "auth-profiles"
    name = ENV_KEYS.get(provider_id)
    value = env.get(name, "").strip() if name else ""
    if name and value:
        return value, f"env:{name}"
    return None, "none"


def resolve_api_key(
    provider_id: str,
    cfg: ProviderConfig,
    auth_profiles: Path | None,
    env: Mapping[str, str] | None = None,
) -> str | None:
    """The key for ``provider_id``; None when no source has one (local servers)."""
    return _lookup(provider_id, cfg, auth_profiles, os.environ if env is None else env)[0]


def key_source(
    provider_id: str,
    cfg: ProviderConfig,
    auth_profiles: Path | None,
    env: Mapping[str, str] | None = None,
) -> KeySource:
    """Where ``provider_id``'s key would come from (never the key itself)."""
    try:
        return _lookup(provider_id, cfg, auth_profiles, os.environ if env is None else env)[1]
    except ProviderError as exc:
        return f"unreadable ({exc.code})"
