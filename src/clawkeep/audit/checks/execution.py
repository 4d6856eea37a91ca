"""How commands run: tools.exec.security, exec hosts without a sandbox, profiles overridden,
docker settings that never apply, agents that read each other's sessions, and weak models.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from clawkeep.audit._reach import agent_can_use, as_dict, as_list, exec_security, raw_agent_at
from clawkeep.audit.checks.channels import channel_scopes, is_open
from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []

_LEGACY = re.compile(r"\bgpt-3\.5\b|\bclaude-(instant|2)\b|\bgpt-4-(0314|0613)\b", re.I)
_WEAK = re.compile(r"\bhaiku\b|\bgpt-[1-4]|\bclaude-[1-3]\b|\bclaude-[1-3]-|\bclaude-instant", re.I)


@check(
    CheckSpec("tools.exec.security_full_configured", "warn|critical", "exec runs any command"),
    CheckSpec(
        "tools.exec.host_sandbox_no_sandbox_defaults", "warn", "exec host sandbox, no sandbox"
    ),
    CheckSpec("tools.exec.host_sandbox_no_sandbox_agents", "warn", "exec host sandbox, no sandbox"),
    CheckSpec(
        "tools.exec.fs_tools_disabled_but_exec_enabled",
        "warn",
        "File tools denied, exec still writes files",
    ),
)
def exec_settings(ctx: AuditContext) -> Iterator[Finding]:
    full = [a.id for a in ctx.agents if exec_security(ctx, a.id) == "full"]
    if ctx.config.tools.exec.security == "full" and not full:
        full = ["tools.exec"]
    if full:
        open_channels = sorted(n for n, s in channel_scopes(ctx) if is_open(s))
        yield Finding(
            "tools.exec.security_full_configured",
            "critical" if open_channels else "warn",
            "exec runs any command",
            f'tools.exec.security is "full" for {", ".join(full)}: no allowlist and no approval '
            "stands between a prompt-injected model and the shell"
            + (f"; open channels: {', '.join(open_channels)}." if open_channels else "."),
            'Set tools.exec.security to "allowlist" (or "deny"); keep "full" for one break-glass '
            "agent no channel reaches.",
        )
    defaults_mode = ctx.config.agents.defaults.sandbox
    default_off = (defaults_mode.mode if defaults_mode else None) == "off"
    if ctx.config.tools.exec.host == "sandbox" and default_off:
        yield Finding(
            "tools.exec.host_sandbox_no_sandbox_defaults",
            "warn",
            "exec host sandbox, no sandbox",
            'tools.exec.host is "sandbox" while agents.defaults.sandbox.mode is "off": every '
            "exec call fails.",
            'Set agents.defaults.sandbox.mode to "all" (or "non-main").',
        )
    stuck = [
        a.id
        for a in ctx.agents
        if raw_agent_at(ctx, a.id, "tools", "exec", "host") == "sandbox" and a.sandbox.mode == "off"
    ]
    if stuck:
        yield Finding(
            "tools.exec.host_sandbox_no_sandbox_agents",
            "warn",
            "exec host sandbox, no sandbox",
            f'agents with tools.exec.host "sandbox" and sandbox.mode "off": {", ".join(stuck)}.',
            'Set sandbox.mode to "all" for these agents.',
        )
    readonly = [
        a.id
        for a in ctx.agents
        if agent_can_use(ctx, a, "exec")
        and not any(agent_can_use(ctx, a, t) for t in ("write", "edit", "apply_patch"))
    ]
    if readonly:
        yield Finding(
            "tools.exec.fs_tools_disabled_but_exec_enabled",
            "warn",
            "File tools denied, exec still writes files",
            f"write/edit/apply_patch are denied but exec is not for: {', '.join(readonly)}; a "
            "shell writes files just as well.",
            'Deny "exec" and "process" too, or run the agent with sandbox.workspaceAccess "ro".',
        )


@check(
    CheckSpec("tools.profile_minimal_overridden", "warn", "An agent widens the minimal profile"),
    CheckSpec("sandbox.docker_config_mode_off", "warn", "Docker settings with the sandbox off"),
)
def overridden(ctx: AuditContext) -> Iterator[Finding]:
    if ctx.config.tools.profile == "minimal":
        wider = [
            f"{a.id}={a.tools.profile}"
            for a in ctx.agents
            if a.tools.profile and a.tools.profile != "minimal"
        ]
        if wider:
            yield Finding(
                "tools.profile_minimal_overridden",
                "warn",
                "An agent widens the minimal profile",
                f'tools.profile is "minimal" but agents set their own: {", ".join(wider)}.',
                'Set those agents\' tools.profile to "minimal", or remove their profile.',
            )
    unused = []
    defaults = ctx.config.agents.defaults.sandbox
    configured = (
        defaults and defaults.docker and ctx.raw_at("agents", "defaults", "sandbox", "docker")
    )
    if configured and all(a.sandbox.mode == "off" for a in ctx.agents):
        unused.append("agents.defaults.sandbox.docker")
    for a in ctx.agents:
        own = raw_agent_at(ctx, a.id, "sandbox", "docker")
        if own and a.sandbox.mode == "off":
            unused.append(f"agents.list[{a.id}].sandbox.docker")
    if unused:
        yield Finding(
            "sandbox.docker_config_mode_off",
            "warn",
            "Docker settings with the sandbox off",
            f"{', '.join(unused)} never apply: sandbox.mode is off, commands run on the host.",
            'Set sandbox.mode to "all" where these settings were meant to apply.',
        )


def _model_refs(ctx: AuditContext) -> list[tuple[str, str]]:
    refs: list[tuple[str, str]] = []

    def add(value: Any, where: str) -> None:
        if isinstance(value, str):
            refs.append((value, where))
        elif isinstance(value, dict):
            add(value.get("primary"), f"{where}.primary")
            for i, fb in enumerate(as_list(value.get("fallbacks"))):
                add(fb, f"{where}.fallbacks[{i}]")

    add(ctx.raw_at("agents", "defaults", "model"), "agents.defaults.model")
    for a in ctx.agents:
        add(raw_agent_at(ctx, a.id, "model"), f"agents.list[{a.id}].model")
    return refs


@check(
    CheckSpec("models.legacy", "warn", "A configured model is a legacy one"),
    CheckSpec("models.weak_tier", "warn", "A configured model is a small tier"),
)
def models(ctx: AuditContext) -> Iterator[Finding]:
    refs = _model_refs(ctx)
    legacy = [f"{m} ({w})" for m, w in refs if _LEGACY.search(m)]
    weak = [f"{m} ({w})" for m, w in refs if _WEAK.search(m)]
    if legacy:
        yield Finding(
            "models.legacy",
            "warn",
            "A configured model is a legacy one",
            f"older models follow injected instructions more readily: {', '.join(legacy)}.",
            "Use a current model for any agent with tools or a channel strangers reach.",
        )
    if weak:
        yield Finding(
            "models.weak_tier",
            "warn",
            "A configured model is a small tier",
            f"small or older tiers resist prompt injection worse: {', '.join(weak)}.",
            "Use a top-tier model for any agent with tools or a channel strangers reach.",
        )


@check(
    CheckSpec(
        "security.trust_model.cross_agent_session_access_default",
        "info|warn",
        "Agents can read each other's sessions",
    )
)
def cross_agent_sessions(ctx: AuditContext) -> Iterator[Finding]:
    if len(ctx.agents) < 2:
        return
    a2a = ctx.config.tools.agent_to_agent  # OpenClaw: enabled unless false; no list = all
    visibility = ctx.raw_at("tools", "sessions", "visibility") or "all"
    if not a2a.enabled or ctx.raw_at("tools", "agentToAgent", "allow") or visibility != "all":
        return
    session_tools = ("sessions_list", "sessions_history", "sessions_send")
    readers = [a.id for a in ctx.agents if any(agent_can_use(ctx, a, t) for t in session_tools)]
    if not readers:
        return
    signals = [
        a.id
        for a in ctx.agents
        if a.sandbox.mode != "off" or a.tools.deny or a.tools.allow or a.tools.profile
    ]
    signals += [name for name, scope in channel_scopes(ctx) if is_open(scope)]
    yield Finding(
        "security.trust_model.cross_agent_session_access_default",
        "warn" if signals else "info",
        "Agents can read each other's sessions",
        f"tools.agentToAgent is enabled with no allow list: {', '.join(readers)} can list, read "
        "and write every other agent's sessions, other people's transcripts included.",
        "Set tools.agentToAgent.allow to the agents that must talk, or tools.agentToAgent.enabled "
        'to false; or tools.sessions.visibility to "agent".',
    )


_INTERPRETERS = re.compile(
    r"^(python[0-9.]*|pypy[0-9.]*|node(js)?|deno|bun|ruby|perl[0-9.]*|php[0-9.]*|lua[0-9.]*|"
    r"luajit|tclsh|wish|r|rscript|julia|osascript|pwsh|powershell|bash|sh|zsh|dash|ksh|fish|"
    r"busybox|env|xargs)$"
)
_BROAD_BINS = frozenset({"jq", "awk", "gawk", "mawk", "nawk", "sed", "gsed"})
_MUTABLE_DIRS = ("/tmp", "/var/tmp", "/private/tmp", "/dev/shm")  # noqa: S108  (names, not used)
_PKG_DIRS = (
    "/usr/local/bin",
    "/opt/homebrew/bin",
    "/opt/local/bin",
    "/home/linuxbrew/.linuxbrew/bin",
)


def _risky_dir(entry: str) -> str | None:
    path = entry.strip().rstrip("/") or "/"
    if not path.startswith("/"):
        return "a relative path (depends on the working directory)"
    if any(path == d or path.startswith(d + "/") for d in _MUTABLE_DIRS):
        return "a temporary directory anyone can write"
    if path in _PKG_DIRS:
        return "a package-manager directory (often user-writable)"
    if path.startswith(("/home/", "/Users/", "/root/")) or "/.local/bin" in path:
        return "a home directory (user-writable)"
    return None


def _safe_bin_scopes(ctx: AuditContext) -> list[tuple[str, dict[str, Any]]]:
    scopes: list[tuple[str, dict[str, Any]]] = []
    top = ctx.raw_at("tools", "exec")
    if isinstance(top, dict):
        scopes.append(("tools.exec", top))
    for a in ctx.agents:
        own = raw_agent_at(ctx, a.id, "tools", "exec")
        if isinstance(own, dict):
            scopes.append((f"agents.list[{a.id}].tools.exec", own))
    return scopes


@check(
    CheckSpec(
        "tools.exec.safe_bins_interpreter_unprofiled", "warn", "An interpreter is a safe bin"
    ),
    CheckSpec("tools.exec.safe_bins_broad_behavior", "warn", "A safe bin does more than filter"),
    CheckSpec(
        "tools.exec.safe_bin_trusted_dirs_risky", "warn", "Safe bins trusted from a writable dir"
    ),
)
def safe_bins(ctx: AuditContext) -> Iterator[Finding]:
    interpreters, broad, dirs = [], [], []
    for where, scope in _safe_bin_scopes(ctx):
        profiled = set(as_dict(scope.get("safeBinProfiles")))
        for raw in as_list(scope.get("safeBins")):
            name = str(raw).strip().rsplit("/", 1)[-1].lower()
            if _INTERPRETERS.match(name) and name not in profiled:
                interpreters.append(f"{where}.safeBins: {name}")
            if name in _BROAD_BINS:
                broad.append(f"{where}.safeBins: {name}")
        for entry in as_list(scope.get("safeBinTrustedDirs")):
            why = _risky_dir(str(entry))
            if why:
                dirs.append(f"{where}.safeBinTrustedDirs: {entry} ({why})")
    if interpreters:
        yield Finding(
            "tools.exec.safe_bins_interpreter_unprofiled",
            "warn",
            "An interpreter is a safe bin",
            f"{'; '.join(interpreters)}: an interpreter runs any program it is given, so "
            "listing it admits every command.",
            "Remove interpreters from safeBins, or give each a tools.exec.safeBinProfiles entry.",
        )
    if broad:
        yield Finding(
            "tools.exec.safe_bins_broad_behavior",
            "warn",
            "A safe bin does more than filter",
            f"{'; '.join(broad)}: these read and write files or run commands of their own.",
            "Remove them from safeBins and allowlist the exact commands you need.",
        )
    if dirs:
        yield Finding(
            "tools.exec.safe_bin_trusted_dirs_risky",
            "warn",
            "Safe bins trusted from a writable dir",
            f"{'; '.join(dirs)}: whoever can write there can plant a binary with a safe name.",
            "Trust only root-owned directories such as /usr/bin and /bin.",
        )
