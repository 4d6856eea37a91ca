"""Logging, discovery, plugins, skills, browser, and the config file's own issues."""

from __future__ import annotations

from collections.abc import Iterator

from clawkeep.audit.checks.channels import channel_scopes, is_open
from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check
from clawkeep.config.errors import format_path
from clawkeep.decision import Allow, Deny
from clawkeep.plugins.gate import may_start
from clawkeep.plugins.manifest import installed_plugins, resolve_launch

__all__: list[str] = []


@check(
    CheckSpec("logging.redact_off", "warn", "Tool arguments are logged unredacted", True),
    CheckSpec("discovery.mdns_full_mode", "warn|critical", "mDNS announces paths and SSH", True),
    CheckSpec("discovery.mdns_on_remote", "info", "mDNS is on for an exposed gateway"),
)
def logging_and_discovery(ctx: AuditContext) -> Iterator[Finding]:
    if ctx.config.logging.redact_sensitive == "off":
        yield Finding(
            "logging.redact_off",
            "warn",
            "Tool arguments are logged unredacted",
            "logging.redactSensitive is off: tokens and keys in tool calls reach the logs.",
            f'Set logging.redactSensitive to "tools" ({ctx.words.audit_fix} does this).',
        )
    mode = ctx.config.discovery.mdns.mode
    if mode == "full":
        yield Finding(
            "discovery.mdns_full_mode",
            ctx.rises(),  # type: ignore[arg-type]
            "mDNS announces paths and SSH",
            'discovery.mdns.mode is "full": filesystem paths and SSH availability go to the LAN.',
            'Set discovery.mdns.mode to "minimal", or "off" on cloud hosts '
            f"({ctx.words.audit_fix} sets minimal).",
        )
    elif mode == "minimal" and ctx.remote:
        yield Finding(
            "discovery.mdns_on_remote",
            "info",
            "mDNS is on for an exposed gateway",
            "the gateway announces itself on the local network.",
            'On a VPS or shared network set discovery.mdns.mode to "off".',
        )


@check(
    CheckSpec(
        "plugins.extensions_no_allowlist",
        "critical",
        "Installed plugins load without an allowlist",
    ),
    CheckSpec("plugins.allow_missing", "warn", "No plugin allowlist"),
)
def plugins(ctx: AuditContext) -> Iterator[Finding]:
    # OpenClaw loads every plugin in extensions/ unless plugins.allow lists them; clawkeep
    # starts only the plugins plugins.allow names, so only an OpenClaw install is exposed.
    if ctx.config.plugins.allow is not None or ctx.loaded.flavor != "openclaw":
        return
    ext = ctx.paths.extensions_dir
    installed = sorted(p.name for p in ext.iterdir()) if ext.is_dir() else []
    if installed:
        yield Finding(
            "plugins.extensions_no_allowlist",
            "critical",
            "Installed plugins load without an allowlist",
            f"{ext} holds {', '.join(installed)} and plugins.allow is not set: each of them loads.",
            'Set plugins.allow to the plugins you use, e.g. ["channel-guard"].',
        )
    else:
        yield Finding(
            "plugins.allow_missing",
            "warn",
            "No plugin allowlist",
            "plugins.allow is not set: any plugin copied into extensions/ would load.",
            "Set plugins.allow to the list of plugins you use ([] for none).",
        )


@check(
    CheckSpec("plugins.allowed_missing", "warn", "An allowed plugin cannot be found"),
    CheckSpec("plugins.unloadable", "warn", "An allowed plugin is refused at start"),
    CheckSpec("plugins.installed_not_allowed", "info", "An installed plugin is not allowed"),
    CheckSpec("plugins.network", "warn", "A plugin may reach the network"),
)
def plugin_entries(ctx: AuditContext) -> Iterator[Finding]:
    config, paths = ctx.config, ctx.paths
    for plugin_id in installed_plugins(paths):
        if config.plugins.allow is not None and plugin_id not in config.plugins.allow:
            yield Finding(
                "plugins.installed_not_allowed",
                "info",
                "An installed plugin is not allowed",
                f"{paths.extensions_dir / plugin_id} is installed but not in plugins.allow: "
                "it never starts.",
                "Remove the folder if you do not use it, or add its id to plugins.allow.",
            )
    for plugin_id in config.plugins.allow or ():
        if not isinstance(may_start(config, plugin_id), Allow):
            continue
        launch = resolve_launch(config, paths, plugin_id)
        if isinstance(launch, Deny):
            missing = launch.reason == "plugins.missing"
            yield Finding(
                "plugins.allowed_missing" if missing else "plugins.unloadable",
                "warn",
                "An allowed plugin cannot be found" if missing else "An allowed plugin is refused",
                launch.detail,
                f"Install it under {paths.extensions_dir / plugin_id} with a clawkeep.plugin.json,"
                f" give plugins.entries.{plugin_id}.command, or take it out of plugins.allow.",
            )
        elif launch.hosts:
            yield Finding(
                "plugins.network",
                "warn",
                "A plugin may reach the network",
                f"plugin {plugin_id} may connect to {', '.join(launch.hosts)} (through the "
                "network guard); what it sends there is not checked.",
                f"Keep plugins.entries.{plugin_id}.hosts to the hosts the plugin needs.",
            )


@check(CheckSpec("skills.allow_bundled_missing", "warn", "Every bundled skill is available"))
def skills(ctx: AuditContext) -> Iterator[Finding]:
    # OpenClaw bundles dozens of tool-running skills; clawkeep's few are instructions only.
    if ctx.config.skills.allow_bundled is None and ctx.loaded.flavor == "openclaw":
        yield Finding(
            "skills.allow_bundled_missing",
            "warn",
            "Every bundled skill is available",
            "skills.allowBundled is not set.",
            'Set skills.allowBundled to the skills you use, e.g. ["github", "weather"].',
        )


@check(
    CheckSpec("browser.evaluate_enabled", "warn", "Browser JavaScript evaluation is on"),
    CheckSpec("browser.ssrf_private_allowed", "critical", "Browser may open private addresses"),
)
def browser(ctx: AuditContext) -> Iterator[Finding]:
    cfg = ctx.config.browser
    if not cfg.enabled:
        return
    if cfg.evaluate_enabled:
        yield Finding(
            "browser.evaluate_enabled",
            "warn",
            "Browser JavaScript evaluation is on",
            "browser.evaluateEnabled lets an agent run raw JavaScript in logged-in pages.",
            "Set browser.evaluateEnabled to false.",
        )
    if cfg.ssrf_policy.dangerously_allow_private_network:
        yield Finding(
            "browser.ssrf_private_allowed",
            "critical",
            "Browser may open private addresses",
            "browser.ssrfPolicy.dangerouslyAllowPrivateNetwork is true: a page can steer the "
            "browser to the router, cloud metadata or the gateway itself.",
            "Remove browser.ssrfPolicy.dangerouslyAllowPrivateNetwork.",
        )


# OpenClaw keys clawkeep does not model that sit one letter away from one it does.
_OPENCLAW_KEYS = frozenset(
    {"models", "modes", "sessions", "session", "messages", "hooks", "tools", "entries", "groups"}
)


@check(
    CheckSpec("config.unknown_key", "info", "A key clawkeep does not model"),
    CheckSpec("config.invalid_value", "warn", "A value clawkeep refuses"),
    CheckSpec("config.env_missing", "warn", "A ${VAR} reference is not set"),
    CheckSpec("config.invalid", "warn", "The config could not be read as a whole"),
    CheckSpec("config.missing", "info", "No config file: OpenClaw's defaults audited"),
)
def config_issues(ctx: AuditContext) -> Iterator[Finding]:
    if ctx.openclaw and not ctx.loaded.exists:
        yield Finding(
            "config.missing",
            "info",
            "No config file: OpenClaw's defaults audited",
            f"{ctx.paths.config_path} does not exist; OpenClaw runs with its defaults, so those "
            "were audited.",
            "openclaw onboard (or openclaw config set ...) writes one.",
        )
    for issue in ctx.loaded.issues:
        severity = "info" if issue.kind == "config.unknown_key" else "warn"
        remediation = issue.hint or "Fix the value, or remove the key."
        if ctx.openclaw and issue.kind in ("config.unknown_key", "config.invalid_value"):
            # OpenClaw validates its own keys (meta, wizard, auth, messages, ...); a key or
            # value clawkeep does not model is only worth a line when it looks like a typo.
            key = str(issue.path[-1]) if issue.path else ""
            typo = "did you mean" in issue.hint and key not in _OPENCLAW_KEYS
            if issue.kind == "config.unknown_key" and not typo:
                continue
            severity, remediation = "info", "Check it with: openclaw config validate"
        yield Finding(
            issue.kind,
            severity,  # type: ignore[arg-type]
            {
                "config.unknown_key": f"Unknown key {format_path(issue.path)}",
                "config.invalid_value": f"Invalid value at {format_path(issue.path)}",
                "config.env_missing": f"Unset variable at {format_path(issue.path)}",
            }.get(issue.kind, "Config problem"),
            issue.sentence(),
            remediation,
        )


@check(CheckSpec("summary.attack_surface", "info", "Attack surface"))
def attack_surface(ctx: AuditContext) -> Iterator[Finding]:
    scopes = list(channel_scopes(ctx))
    open_count = sum(1 for _, s in scopes if is_open(s))
    parts = [
        f"bind {ctx.config.gateway.bind}",
        f"auth {ctx.config.gateway.auth.mode or 'token (default)'}",
        f"{len(scopes)} channel scope(s), {open_count} open",
        f"{len(ctx.agents)} agent(s)",
        f"elevated {'on' if ctx.config.tools.elevated.enabled else 'off'}",
        f"browser {'on' if ctx.config.browser.enabled else 'off'}",
        f"dmScope {ctx.config.session.dm_scope}",
    ]
    yield Finding("summary.attack_surface", "info", "Attack surface", "; ".join(parts) + ".", "")
