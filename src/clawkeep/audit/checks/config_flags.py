"""Settings that weaken security or contradict each other: the flags named `dangerously…`
(and their kin), group rooms sharing the main session, a hooks token in the file, two
different gateway tokens, HTTP callers choosing sessions, several default agents.

Most of these keys are OpenClaw's; they are read from the raw file (``ctx.raw_at``), so an
OpenClaw install is audited on what it actually says, not on what clawkeep models.
"""

from __future__ import annotations

from collections.abc import Iterator

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []


def _dangerous_flags(ctx: AuditContext) -> list[str]:
    flags = []
    raw = ctx.raw_at
    if raw("gateway", "controlUi", "dangerouslyAllowHostHeaderOriginFallback") is True:
        flags.append("gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback=true")
    if raw("hooks", "gmail", "allowUnsafeExternalContent") is True:
        flags.append("hooks.gmail.allowUnsafeExternalContent=true")
    mappings = raw("hooks", "mappings")
    for i, mapping in enumerate(mappings if isinstance(mappings, list) else []):
        if isinstance(mapping, dict) and mapping.get("allowUnsafeExternalContent") is True:
            flags.append(f"hooks.mappings[{i}].allowUnsafeExternalContent=true")
    if raw("tools", "exec", "applyPatch", "workspaceOnly") is False:
        flags.append("tools.exec.applyPatch.workspaceOnly=false")
    if raw("hooks", "allowRequestSessionKey") is True:
        flags.append("hooks.allowRequestSessionKey=true")
    if raw("browser", "ssrfPolicy", "dangerouslyAllowPrivateNetwork") is True:
        flags.append("browser.ssrfPolicy.dangerouslyAllowPrivateNetwork=true")
    if raw("tools", "fs", "workspaceOnly") is False:
        flags.append("tools.fs.workspaceOnly=false")
    if raw("gateway", "dangerouslyAllowUnauthenticatedRemote") is True:
        flags.append("gateway.dangerouslyAllowUnauthenticatedRemote=true")
    suppressions = raw("security", "audit", "suppressions")
    if isinstance(suppressions, list) and suppressions:
        flags.append(f"security.audit.suppressions configured ({len(suppressions)})")
    return flags


@check(
    CheckSpec("config.insecure_or_dangerous_flags", "warn", "A flag that weakens security is on")
)
def dangerous_flags(ctx: AuditContext) -> Iterator[Finding]:
    for flag in _dangerous_flags(ctx):
        key = flag.split("=")[0].split(" ")[0]
        yield Finding(
            "config.insecure_or_dangerous_flags",
            "warn",
            "A flag that weakens security is on",
            f"{flag}.",
            f"Remove {key} unless you are debugging on a trusted, local-only gateway.",
        )


@check(
    CheckSpec("security.trust_model.group_scope_main", "warn", "Group rooms share the main session")
)
def group_scope(ctx: AuditContext) -> Iterator[Finding]:
    if ctx.raw_at("session", "groupScope") == "main":
        yield Finding(
            "security.trust_model.group_scope_main",
            "warn",
            "Group rooms share the main session",
            'session.groupScope is "main": every member of every group room talks into the '
            "owner's main session and can read what it holds.",
            'Set session.groupScope to "per-group".',
        )


@check(
    CheckSpec("config.secrets.hooks_token_in_config", "info", "Hooks token written in the config"),
    CheckSpec("gateway.env_token_overrides_config", "warn", "Two different gateway tokens"),
    CheckSpec("gateway.http.session_key_override_enabled", "info", "HTTP callers choose sessions"),
    CheckSpec("config.agent_roster.invalid_default_count", "warn", "Several default agents"),
)
def config_consistency(ctx: AuditContext) -> Iterator[Finding]:
    hooks_token = ctx.raw_at("hooks", "token")
    if (
        ctx.raw_at("hooks", "enabled") is True
        and hooks_token
        and not ctx.from_env("hooks", "token")
    ):
        yield Finding(
            "config.secrets.hooks_token_in_config",
            "info",
            "Hooks token written in the config",
            "hooks.token is stored in the config file: keep it 0600 and out of backups.",
            f'Set hooks.token to "{ctx.words.env_ref("HOOKS_TOKEN")}" and export it.',
        )
    env_token = ctx.env.get("OPENCLAW_GATEWAY_TOKEN", "").strip() if ctx.openclaw else ""
    file_token = ctx.raw_at("gateway", "auth", "token")
    if env_token and isinstance(file_token, str) and file_token.strip() != env_token:
        yield Finding(
            "gateway.env_token_overrides_config",
            "warn",
            "Two different gateway tokens",
            "OPENCLAW_GATEWAY_TOKEN and gateway.auth.token differ: clients paired with one are "
            "refused, and the one you rotate may not be the one in use.",
            "Keep one: unset OPENCLAW_GATEWAY_TOKEN or remove gateway.auth.token.",
        )
    endpoints = [
        path
        for key, path in (
            ("chatCompletions", "/v1/chat/completions"),
            ("responses", "/v1/responses"),
        )
        if ctx.raw_at("gateway", "http", "endpoints", key, "enabled") is True
    ]
    if endpoints:
        yield Finding(
            "gateway.http.session_key_override_enabled",
            "info",
            "HTTP callers choose sessions",
            f"{', '.join(endpoints)} accept a session-key header: a credential holder can write "
            "into any session.",
            "",
        )
    listed = ctx.raw_at("agents", "list")
    defaults = (
        [e for e in listed if isinstance(e, dict) and e.get("default") is True]
        if isinstance(listed, list)
        else []
    )
    if len(defaults) > 1:
        yield Finding(
            "config.agent_roster.invalid_default_count",
            "warn",
            "Several default agents",
            f"{len(defaults)} entries of agents.list have default: true; which one answers "
            "unrouted messages is not what you chose.",
            "Keep default: true on one agent only.",
        )
