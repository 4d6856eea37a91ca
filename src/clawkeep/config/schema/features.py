"""Config keys of `commands`, `skills`, `plugins`, `discovery`, `logging` and `browser`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from clawkeep.config.schema._base import Model
from clawkeep.config.schema._regex import SafeRegex

__all__ = [
    "BrowserConfig",
    "CommandsConfig",
    "DiscoveryConfig",
    "LoggingConfig",
    "PluginEntryConfig",
    "PluginsConfig",
    "SkillsConfig",
]


class CommandsConfig(Model):
    """Chat commands. The dangerous ones (! shell, /config, /debug, /restart) are off."""

    native: bool | Literal["auto"] = "auto"
    native_skills: bool | Literal["auto"] = "auto"
    text: bool = True
    bash: bool = False
    config: bool = False
    debug: bool = False
    restart: bool = False


class SkillsConfig(Model):
    """`skills.allowBundled`: only these bundled skills are available (None: all of them)."""

    allow_bundled: tuple[str, ...] | None = None


class PluginEntryConfig(Model):
    """`plugins.entries.<id>`: a plugin's switch, its own (plugin-defined) config, and how
    clawkeep runs it: `command` (argv; else the manifest in `extensions/<id>/`) and `hosts`,
    the only network destinations its sandbox may reach (none by default)."""

    enabled: bool | None = None
    config: dict[str, Any] = {}
    command: tuple[str, ...] | None = Field(default=None, min_length=1)
    hosts: tuple[str, ...] = ()


class PluginsConfig(Model):
    """A plugin loads only if listed in `allow` and not disabled: both checks must pass."""

    enabled: bool = True
    allow: tuple[str, ...] | None = None
    deny: tuple[str, ...] = ()
    entries: dict[str, PluginEntryConfig] = {}
    # Bytes one MCP message (one stdout line) of a plugin may hold; a longer one stops it.
    max_message_bytes: int = Field(default=4 * 1024 * 1024, ge=64 * 1024, le=256 * 1024 * 1024)


class MdnsConfig(Model):
    """mDNS announcements: minimal leaves out paths and SSH; off for cloud hosts."""

    mode: Literal["off", "minimal", "full"] = "minimal"


class DiscoveryConfig(Model):
    """`discovery`: what the gateway announces on the local network."""

    mdns: MdnsConfig = MdnsConfig()


class LoggingConfig(Model):
    """`logging`: redaction of tool arguments and results, extra patterns, file and level."""

    redact_sensitive: Literal["off", "tools"] = "tools"
    redact_patterns: tuple[SafeRegex, ...] = ()
    file: str | None = None
    level: Literal["silent", "fatal", "error", "warn", "info", "debug", "trace"] = "info"


class BrowserSsrfPolicy(Model):
    """Browser navigation goes through the network guard; private targets are opt-in."""

    dangerously_allow_private_network: bool = False
    allowed_hostnames: tuple[str, ...] = ()


class BrowserProfile(Model):
    """A managed browser profile (never the user's personal one)."""

    cdp_port: int | None = Field(default=None, ge=1, le=65535)
    cdp_url: str | None = None
    color: str | None = None
    # Modelled so the audit can name it; clawkeep refuses to launch a profile that sets it.
    user_data_dir: str | None = None


class BrowserConfig(Model):
    """`browser`: off unless enabled; JavaScript evaluation off unless enabled."""

    enabled: bool = False
    evaluate_enabled: bool = False
    headless: bool = True
    no_sandbox: bool = False
    executable_path: str | None = None
    ssrf_policy: BrowserSsrfPolicy = BrowserSsrfPolicy()
    default_profile: str | None = None
    profiles: dict[str, BrowserProfile] = {}
