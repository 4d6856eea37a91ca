"""Ways in besides the chat channels: trusted-proxy auth, Tailscale, webhooks (hooks.*),
the HTTP tool endpoint, paired device nodes and MCP apps. (The flags named
`dangerously…` and the config's self-contradictions are `config_flags`.)

Most of these keys are OpenClaw's; they are read from the raw file (``ctx.raw_at``), so an
OpenClaw install is audited on what it actually says, not on what clawkeep models.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []

# Tools the HTTP /tools/invoke endpoint refuses unless gateway.tools.allow lists them again.
HTTP_DENIED_TOOLS = frozenset(
    {
        "exec",
        "spawn",
        "shell",
        "fs_write",
        "fs_delete",
        "fs_move",
        "apply_patch",
        "terminal",
        "sessions_spawn",
        "sessions_send",
        "cron",
        "automations",
        "gateway",
        "plugins",
        "nodes",
        "computer",
    }
)
# Node (phone / desktop) commands that read private data or act on the device.
DANGEROUS_NODE_PREFIXES = (
    "camera.",
    "screen.",
    "contacts.",
    "calendar.",
    "reminders.",
    "sms.",
    "health.",
)
_SAFE_NODE_COMMANDS = frozenset(
    {"system.run", "system.which", "system.notify", "location.get", "canvas.present"}
)
_PATTERN = re.compile(r"[?*\[\]{}(),|\s]|^[/^]|[/$]$|group:")


def _strings(value: Any) -> list[str]:
    return (
        [v.strip() for v in value if isinstance(v, str) and v.strip()]
        if isinstance(value, list)
        else []
    )


@check(
    CheckSpec("gateway.trusted_proxy_auth", "critical", "Authentication is left to a proxy"),
    CheckSpec("gateway.trusted_proxy_no_proxies", "critical", "Trusted-proxy auth without proxies"),
    CheckSpec(
        "gateway.trusted_proxy_no_user_header",
        "critical",
        "Trusted-proxy auth without a user header",
    ),
    CheckSpec(
        "gateway.trusted_proxy_allow_loopback", "warn", "A loopback proxy may vouch for users"
    ),
    CheckSpec(
        "gateway.trusted_proxy_device_auto_approve", "warn", "Proxy users pair devices unasked"
    ),
    CheckSpec(
        "gateway.trusted_proxy_device_auto_approve_admin",
        "critical",
        "Proxy users get admin devices unasked",
    ),
    CheckSpec("gateway.trusted_proxy_no_allowlist", "warn", "Any proxy-authenticated user gets in"),
)
def trusted_proxy(ctx: AuditContext) -> Iterator[Finding]:
    if ctx.raw_at("gateway", "auth", "mode") != "trusted-proxy":
        return
    found = ctx.raw_at("gateway", "auth", "trustedProxy")
    tp: dict[str, Any] = found if isinstance(found, dict) else {}
    yield Finding(
        "gateway.trusted_proxy_auth",
        "critical",
        "Authentication is left to a proxy",
        'gateway.auth.mode is "trusted-proxy": whoever can reach the port with the right header '
        "is that user.",
        "Make sure the proxy authenticates users and overwrites the identity header, and that a "
        "firewall keeps everyone else off the gateway port.",
    )
    if not ctx.config.gateway.trusted_proxies:
        yield Finding(
            "gateway.trusted_proxy_no_proxies",
            "critical",
            "Trusted-proxy auth without proxies",
            "gateway.trustedProxies is empty: no request can be authenticated.",
            "Set gateway.trustedProxies to the IP addresses of your reverse proxy.",
        )
    if not tp.get("userHeader"):
        yield Finding(
            "gateway.trusted_proxy_no_user_header",
            "critical",
            "Trusted-proxy auth without a user header",
            "gateway.auth.trustedProxy.userHeader is not set.",
            'Set gateway.auth.trustedProxy.userHeader, e.g. "x-forwarded-user".',
        )
    if tp.get("allowLoopback") is True:
        yield Finding(
            "gateway.trusted_proxy_allow_loopback",
            "warn",
            "A loopback proxy may vouch for users",
            "gateway.auth.trustedProxy.allowLoopback is true: any local process that sends the "
            "user header is believed.",
            "Set gateway.auth.trustedProxy.allowLoopback to false unless a same-host proxy is "
            "the only way in.",
        )
    auto = tp.get("deviceAutoApprove")
    if isinstance(auto, dict) and auto.get("enabled") is True:
        yield Finding(
            "gateway.trusted_proxy_device_auto_approve",
            "warn",
            "Proxy users pair devices unasked",
            "gateway.auth.trustedProxy.deviceAutoApprove.enabled is true: every proxy-"
            "authenticated user pairs a new operator device without approval.",
            "Set gateway.auth.trustedProxy.deviceAutoApprove.enabled to false.",
        )
        if "operator.admin" in _strings(auto.get("scopes")):
            yield Finding(
                "gateway.trusted_proxy_device_auto_approve_admin",
                "critical",
                "Proxy users get admin devices unasked",
                "gateway.auth.trustedProxy.deviceAutoApprove.scopes includes operator.admin.",
                'Remove "operator.admin" from gateway.auth.trustedProxy.deviceAutoApprove.scopes.',
            )
    if not _strings(tp.get("allowUsers")):
        yield Finding(
            "gateway.trusted_proxy_no_allowlist",
            "warn",
            "Any proxy-authenticated user gets in",
            "gateway.auth.trustedProxy.allowUsers is empty.",
            'Set gateway.auth.trustedProxy.allowUsers, e.g. ["you@example.com"].',
        )


@check(
    CheckSpec("gateway.tailscale_funnel", "critical", "Tailscale Funnel puts the gateway online"),
    CheckSpec(
        "gateway.tailscale_serve", "info", "Tailscale Serve shares the gateway on the tailnet"
    ),
    CheckSpec("mcp.apps.enabled", "warn", "MCP servers may show interactive apps"),
    CheckSpec(
        "gateway.tools_invoke_http.dangerous_allow",
        "warn|critical",
        "HTTP /tools/invoke may run control tools",
    ),
)
def exposure_switches(ctx: AuditContext) -> Iterator[Finding]:
    tailscale = ctx.raw_at("gateway", "tailscale", "mode")
    if tailscale == "funnel":
        yield Finding(
            "gateway.tailscale_funnel",
            "critical",
            "Tailscale Funnel puts the gateway online",
            'gateway.tailscale.mode is "funnel": the gateway is reachable from the internet.',
            'Set gateway.tailscale.mode to "serve" (tailnet only) or "off".',
        )
    elif tailscale == "serve":
        yield Finding(
            "gateway.tailscale_serve",
            "info",
            "Tailscale Serve shares the gateway on the tailnet",
            'gateway.tailscale.mode is "serve": every device on the tailnet can reach it.',
            "",
        )
    if ctx.raw_at("mcp", "apps", "enabled") is True:
        yield Finding(
            "mcp.apps.enabled",
            "warn",
            "MCP servers may show interactive apps",
            "mcp.apps.enabled is true: MCP servers render HTML that can call their own tools.",
            "Set mcp.apps.enabled to false unless you trust every configured MCP server.",
        )
    allowed = {t.casefold() for t in _strings(ctx.raw_at("gateway", "tools", "allow"))}
    reopened = sorted(allowed & HTTP_DENIED_TOOLS)
    if reopened:
        yield Finding(
            "gateway.tools_invoke_http.dangerous_allow",
            ctx.rises(),  # type: ignore[arg-type]
            "HTTP /tools/invoke may run control tools",
            f"gateway.tools.allow re-enables {', '.join(reopened)} over HTTP: a holder of the "
            "gateway credential can spawn sessions or run commands with one request.",
            "Remove these entries from gateway.tools.allow.",
        )


@check(
    CheckSpec(
        "gateway.nodes.allow_commands_dangerous",
        "warn|critical",
        "Paired devices run risky commands",
    ),
    CheckSpec(
        "gateway.nodes.deny_commands_ineffective", "warn", "A node deny entry matches nothing"
    ),
)
def nodes(ctx: AuditContext) -> Iterator[Finding]:
    allow = set(_strings(ctx.raw_at("gateway", "nodes", "commands", "allow")))
    deny = _strings(ctx.raw_at("gateway", "nodes", "commands", "deny"))
    risky = sorted(c for c in allow - set(deny) if c.startswith(DANGEROUS_NODE_PREFIXES))
    if risky:
        yield Finding(
            "gateway.nodes.allow_commands_dangerous",
            ctx.rises(),  # type: ignore[arg-type]
            "Paired devices run risky commands",
            f"gateway.nodes.commands.allow enables {', '.join(risky)}: an agent can read the "
            "camera, screen, contacts or messages of a paired device.",
            "Remove these entries from gateway.nodes.commands.allow.",
        )
    known = _SAFE_NODE_COMMANDS | allow
    bad = [
        c
        for c in deny
        if _PATTERN.search(c) or (c not in known and not c.startswith(DANGEROUS_NODE_PREFIXES))
    ]
    if bad:
        yield Finding(
            "gateway.nodes.deny_commands_ineffective",
            "warn",
            "A node deny entry matches nothing",
            f"gateway.nodes.commands.deny matches exact command names only; these block nothing: "
            f"{', '.join(bad)}.",
            "Write exact command names, e.g. system.run, camera.snap.",
        )


@check(
    CheckSpec("hooks.path_root", "critical", "Webhooks mounted at /"),
    CheckSpec("hooks.default_session_key_unset", "warn", "Webhook runs get new sessions"),
    CheckSpec("hooks.allowed_agent_ids_unrestricted", "warn|critical", "Webhooks reach any agent"),
    CheckSpec(
        "hooks.request_session_key_enabled", "warn|critical", "Webhook callers choose the session"
    ),
    CheckSpec(
        "hooks.request_session_key_prefixes_missing",
        "warn|critical",
        "Webhook callers choose any session",
    ),
)
def hooks_routing(ctx: AuditContext) -> Iterator[Finding]:
    if ctx.raw_at("hooks", "enabled") is not True:
        return
    if str(ctx.raw_at("hooks", "path") or "").strip() == "/":
        yield Finding(
            "hooks.path_root",
            "critical",
            "Webhooks mounted at /",
            "hooks.path is '/': the webhook handler shadows every other HTTP endpoint.",
            'Set hooks.path to "/hooks".',
        )
    if not str(ctx.raw_at("hooks", "defaultSessionKey") or "").strip():
        yield Finding(
            "hooks.default_session_key_unset",
            "warn",
            "Webhook runs get new sessions",
            "hooks.defaultSessionKey is not set: each hook run without a session key gets a "
            "generated one.",
            'Set hooks.defaultSessionKey, e.g. "hook:ingress".',
        )
    agents = ctx.raw_at("hooks", "allowedAgentIds")
    if not isinstance(agents, list) or "*" in _strings(agents):
        yield Finding(
            "hooks.allowed_agent_ids_unrestricted",
            ctx.rises(),  # type: ignore[arg-type]
            "Webhooks reach any agent",
            "hooks.allowedAgentIds is unset or contains '*': a hook caller picks any agent, the "
            "default one included.",
            'Set hooks.allowedAgentIds to the agents hooks may run, e.g. ["hooks"] (or []).',
        )
    if ctx.raw_at("hooks", "allowRequestSessionKey") is True:
        yield Finding(
            "hooks.request_session_key_enabled",
            ctx.rises(),  # type: ignore[arg-type]
            "Webhook callers choose the session",
            "hooks.allowRequestSessionKey is true: a hook payload can write into any session it "
            "names, the owner's main session included.",
            "Set hooks.allowRequestSessionKey to false.",
        )
        if not _strings(ctx.raw_at("hooks", "allowedSessionKeyPrefixes")):
            yield Finding(
                "hooks.request_session_key_prefixes_missing",
                ctx.rises(),  # type: ignore[arg-type]
                "Webhook callers choose any session",
                "hooks.allowedSessionKeyPrefixes is empty: no prefix limits the sessions a hook "
                "may name.",
                'Set hooks.allowedSessionKeyPrefixes, e.g. ["hook:"].',
            )
