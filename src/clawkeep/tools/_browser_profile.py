"""Where the managed browser keeps its profile, how Chromium is launched, and which URLs
it may be sent to.

Each `browser.profiles.<name>` is a user-data dir inside the state dir
(``<state>/browser/profiles/<name>``, 0700), never a path outside it; the profile is
locked (``flock``) while one gateway's browser runs on it. Chromium starts with sync,
the password manager, extensions, notifications, background networking and WebRTC's
direct UDP off, resolves no host name itself (every name maps to "not found" except the
proxy's address) and sends everything through the egress proxy.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow, Deny
from clawkeep.fsutil import atomic_write, ensure_private_dir

__all__ = [
    "CHROMIUM",
    "ProfileLock",
    "check_navigation",
    "chromium_args",
    "profile_dir",
    "profile_name",
    "write_preferences",
]

CHROMIUM = "/usr/bin/chromium"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_DEFAULT_PROFILE = "clawkeep"

# Schemes a page may be opened at; everything else (file:, chrome:, view-source:, data:,
# javascript:, blob:, devtools:, chrome-extension: ...) is refused before Chromium sees it.
_WEB_SCHEMES = frozenset({"http", "https"})
_BLANK = "about:blank"


def profile_name(config: RootConfig, requested: str | None) -> str | Deny:
    """The profile a call uses: the one asked for, else ``defaultProfile``, else clawkeep."""
    name = requested or config.browser.default_profile or _DEFAULT_PROFILE
    if not _NAME.fullmatch(name):
        # The name becomes a directory: no separators, dots or other spellings of a path.
        return Deny("browser.profile_name", f"profile {name[:80]!r} is not [a-z0-9_-]")
    if config.browser.profiles and name not in config.browser.profiles and requested:
        return Deny("browser.profile_unknown", f"no browser.profiles.{name} in the config")
    return name


def profile_dir(paths: InstallPaths, name: str) -> Path:
    """The profile's user-data dir, created 0700 inside the state dir."""
    root = ensure_private_dir(paths.state_dir / "browser")
    ensure_private_dir(root / "profiles")
    path = ensure_private_dir(root / "profiles" / name)
    # A link planted in the state dir must not move the profile somewhere else.
    if path.resolve() != (paths.state_dir.resolve() / "browser" / "profiles" / name):
        raise NotADirectoryError(f"{path} does not stay inside the state dir")
    return path


class ProfileLock:
    """An exclusive lock on one profile dir; a second gateway's browser is refused."""

    def __init__(self, directory: Path) -> None:
        self._fd = os.open(directory / ".clawkeep.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise

    def release(self) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)


_PREFERENCES = {
    "credentials_enable_service": False,
    "credentials_enable_autosignin": False,
    "profile": {
        "password_manager_enabled": False,
        "default_content_setting_values": {
            "notifications": 2,
            "geolocation": 2,
            "media_stream_camera": 2,
            "media_stream_mic": 2,
            "automatic_downloads": 2,
        },
    },
    "download": {"prompt_for_download": False, "default_directory": "/nonexistent"},
    "sync": {"requested": False},
    "signin": {"allowed": False},
    "autofill": {"profile_enabled": False, "credit_card_enabled": False},
    "webrtc": {"ip_handling_policy": "disable_non_proxied_udp", "multiple_routes_enabled": False},
    "extensions": {"ui": {"developer_mode": False}},
}


def write_preferences(directory: Path) -> None:
    """Write the managed preferences before every launch (Chromium may have changed them)."""
    default = ensure_private_dir(directory / "Default")
    path = default / "Preferences"
    current: dict[str, object] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(path.read_text())
        current = loaded if isinstance(loaded, dict) else {}
    atomic_write(path, json.dumps(_merge(current, _PREFERENCES)))


def _merge(base: dict[str, object], managed: dict[str, object]) -> dict[str, object]:
    out = dict(base)
    for key, value in managed.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = _merge(old, value)
        else:
            out[key] = value  # the managed value wins over whatever the profile held
    return out


@dataclass(frozen=True)
class LaunchPlan:
    """What Playwright is told: flags, sandbox, and the proxy address."""

    args: tuple[str, ...]
    chromium_sandbox: bool


def chromium_args(proxy_host: str, running_as_root: bool, no_sandbox: bool) -> LaunchPlan:
    """Chromium's flags. As root Chromium's own sandbox cannot start (--no-sandbox then)."""
    args = (
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-gpu",
        "--disable-extensions",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-breakpad",
        "--disable-notifications",
        "--deny-permission-prompts",
        "--password-store=basic",
        "--no-default-browser-check",
        "--dns-prefetch-disable",
        "--disable-features=DnsOverHttps,PasswordManagerOnboarding,AutofillServerCommunication,"
        "MediaRouter,OptimizationHints,Translate",
        # WebRTC would send UDP straight out, around the proxy.
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--webrtc-ip-handling-policy=disable_non_proxied_udp",
        # Chromium resolves no name itself: the proxy resolves, checks and pins.
        f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {proxy_host}",
    )
    sandbox = not (running_as_root or no_sandbox)
    return LaunchPlan(args, sandbox)


def check_navigation(url: str) -> Allow | Deny:
    """May the browser be sent to ``url``? Web schemes only; the host is the proxy's job."""
    if url == _BLANK:
        return Allow("browser.navigation_allowed", url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return Deny("browser.bad_url", f"{url[:200]!r} is not a URL")
    scheme = parts.scheme.lower()
    if scheme not in _WEB_SCHEMES:
        # file:, chrome:, view-source:, data:, javascript: ... never reach Chromium.
        return Deny("browser.scheme_refused", f"{scheme or 'no'} scheme: only http(s) pages open")
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return Deny("browser.bad_url", f"{url[:200]!r} has no plain host")
    return Allow("browser.navigation_allowed", url)
