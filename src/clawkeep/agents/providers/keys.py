"""Where a provider's key comes from: the config (`apiKey`, normally `${ENV}`), else the
agent's auth-profiles.json, which must be a private (0600) regular file of ours.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from clawkeep.agents.providers.types import ProviderError
from clawkeep.config.schema.models import ProviderConfig

__all__ = ["resolve_api_key"]

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


def resolve_api_key(
    provider_id: str, cfg: ProviderConfig, auth_profiles: Path | None
) -> str | None:
    """The key for ``provider_id``; None when neither source has one (local servers)."""
    if cfg.api_key is not None and cfg.api_key.get_secret_value():
        return cfg.api_key.get_secret_value()
    if auth_profiles is None:
        return None
    return _from_profiles(provider_id, auth_profiles)
