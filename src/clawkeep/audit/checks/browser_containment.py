"""The managed browser's profile and control channel: a profile that points at a personal
Chrome dir, a CDP endpoint beyond loopback, and Chromium running without its own sandbox.
(JavaScript evaluation and a loosened ssrfPolicy are checked in ``features``.)
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []

# Where browsers keep people's own profiles (Linux and macOS spellings).
_PERSONAL = (
    ".config/google-chrome",
    ".config/chromium",
    ".config/BraveSoftware",
    ".config/microsoft-edge",
    "Library/Application Support/Google/Chrome",
    "Library/Application Support/Chromium",
    "snap/chromium",
)


def _loopback(url: str) -> bool:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@check(
    CheckSpec("browser.profile_personal_dir", "critical", "A browser profile uses an outside dir"),
    CheckSpec("browser.cdp_not_loopback", "critical", "Browser CDP points beyond loopback"),
)
def browser_profiles(ctx: AuditContext) -> Iterator[Finding]:
    cfg = ctx.config.browser
    for name, profile in sorted(cfg.profiles.items()):
        if profile.user_data_dir:
            raw = profile.user_data_dir
            personal = any(marker in raw for marker in _PERSONAL)
            where = "a personal browser profile" if personal else "a dir outside the state dir"
            yield Finding(
                "browser.profile_personal_dir",
                "critical",
                "A browser profile uses an outside dir",
                f"browser.profiles.{name}.userDataDir is {raw!r}, {where}: its logged-in "
                "sessions would be the agent's. clawkeep refuses to launch this profile.",
                f"Remove browser.profiles.{name}.userDataDir; clawkeep keeps each profile in "
                f"{Path(ctx.paths.state_dir) / 'browser' / 'profiles' / name}.",
            )
        if profile.cdp_url and not _loopback(profile.cdp_url):
            yield Finding(
                "browser.cdp_not_loopback",
                "critical",
                "Browser CDP points beyond loopback",
                f"browser.profiles.{name}.cdpUrl is {profile.cdp_url!r}: whoever reaches that "
                "endpoint drives the browser and its sessions. clawkeep's own browser speaks "
                "CDP over a pipe and never connects there.",
                f"Remove browser.profiles.{name}.cdpUrl.",
            )


@check(CheckSpec("browser.no_sandbox", "warn", "Chromium runs without its own sandbox"))
def browser_sandbox(ctx: AuditContext) -> Iterator[Finding]:
    cfg = ctx.config.browser
    as_root = os.geteuid() == 0
    if cfg.enabled and (cfg.no_sandbox or as_root):
        why = "browser.noSandbox is true" if cfg.no_sandbox else "the gateway runs as root"
        yield Finding(
            "browser.no_sandbox",
            "warn",
            "Chromium runs without its own sandbox",
            f"{why}: Chromium starts with --no-sandbox, so a renderer exploit runs with the "
            "gateway's rights.",
            "Set browser.noSandbox to false and run the gateway as a user other than root "
            "(as root Chromium cannot start its sandbox at all).",
        )
