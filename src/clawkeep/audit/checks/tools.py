"""Tools, elevated exec, chat commands, and what open channels can reach."""

from __future__ import annotations

from collections.abc import Iterator

from clawkeep.audit._reach import RUNTIME_OR_FS, any_agent_can_use
from clawkeep.audit.checks.channels import channel_scopes, is_open
from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []


@check(
    CheckSpec("tools.elevated.enabled", "warn", "Elevated host exec is enabled"),
    CheckSpec("tools.elevated.allowFrom.<p>.wildcard", "critical", "Anyone may use elevated exec"),
    CheckSpec("tools.elevated.allowFrom.<p>.large", "warn", "Many senders may use elevated exec"),
)
def elevated(ctx: AuditContext) -> Iterator[Finding]:
    cfg = ctx.config.tools.elevated
    if not cfg.enabled:
        return
    yield Finding(
        "tools.elevated.enabled",
        "warn",
        "Elevated host exec is enabled",
        "tools.elevated.enabled is true: agents can run commands on the host, outside the sandbox.",
        "Set tools.elevated.enabled to false.",
    )
    for provider, senders in sorted(cfg.allow_from.items()):
        if "*" in senders:
            yield Finding(
                f"tools.elevated.allowFrom.{provider}.wildcard",
                "critical",
                "Anyone may use elevated exec",
                f'tools.elevated.allowFrom.{provider} contains "*".',
                f"List the exact sender ids in tools.elevated.allowFrom.{provider}.",
            )
        elif len(senders) > 25:
            yield Finding(
                f"tools.elevated.allowFrom.{provider}.large",
                "warn",
                "Many senders may use elevated exec",
                f"tools.elevated.allowFrom.{provider} lists {len(senders)} senders.",
                f"Keep tools.elevated.allowFrom.{provider} to the few people who need host exec.",
            )


@check(
    CheckSpec(
        "tools.exec.host_non_owner",
        "critical",
        "Host exec is reachable by someone other than the owner",
    ),
)
def host_exec_non_owner(ctx: AuditContext) -> Iterator[Finding]:
    cfg = ctx.config.tools.elevated
    if not cfg.enabled:
        return
    for provider, senders in sorted(cfg.allow_from.items()):
        channel = ctx.config.channels.get(provider)
        owners = set(channel.owner_allow_from) - {"*"} if channel is not None else set()
        strangers = sorted(s for s in senders if s != "*" and s not in owners)
        if provider == "webchat" and not strangers:
            continue  # the web chat is the operator's own channel
        if strangers or "*" in senders:
            # Host exec outside the owner's hands runs unknown code with the gateway's rights.
            yield Finding(
                "tools.exec.host_non_owner",
                "critical",
                "Host exec is reachable by someone other than the owner",
                f"tools.elevated.allowFrom.{provider} lists senders who are not in "
                f"channels.{provider}.ownerAllowFrom ({', '.join(strangers) or '*'}).",
                f"List only the owner in tools.elevated.allowFrom.{provider}, or set "
                "tools.elevated.enabled to false.",
            )


@check(
    CheckSpec(
        "security.exposure.open_groups_with_elevated",
        "critical",
        "Open channels with elevated exec",
    ),
    CheckSpec(
        "security.exposure.open_groups_with_runtime_or_fs",
        "critical",
        "Open channels reach file or runtime tools",
    ),
    CheckSpec("security.exposure.open_channels_with_exec", "critical", "Open channels reach exec"),
    CheckSpec(
        "security.exposure.open_groups_with_control_plane_tools",
        "critical",
        "Open channels reach the gateway or cron tools",
    ),
)
def exposure(ctx: AuditContext) -> Iterator[Finding]:
    open_channels = sorted(name for name, scope in channel_scopes(ctx) if is_open(scope))
    if not open_channels:
        return
    names = ", ".join(open_channels)
    if ctx.config.tools.elevated.enabled:
        yield Finding(
            "security.exposure.open_groups_with_elevated",
            "critical",
            "Open channels with elevated exec",
            f"strangers on {names} can prompt an agent that may run commands on the host.",
            'Set tools.elevated.enabled to false, or dmPolicy/groupPolicy to "allowlist".',
        )
    exec_agents = any_agent_can_use(ctx, "exec")
    if exec_agents:
        yield Finding(
            "security.exposure.open_channels_with_exec",
            "critical",
            "Open channels reach exec",
            f"strangers on {names} reach agents with exec: {', '.join(exec_agents)}.",
            'Add "exec" and "process" to agents.list[].tools.deny (or use tools.allow).',
        )
    reach = sorted({a for tool in RUNTIME_OR_FS for a in any_agent_can_use(ctx, tool)})
    if reach:
        yield Finding(
            "security.exposure.open_groups_with_runtime_or_fs",
            "critical",
            "Open channels reach file or runtime tools",
            f"strangers on {names} reach agents with file or runtime tools: {', '.join(reach)}.",
            "Give agents exposed to open channels a tools.allow list without group:fs/runtime.",
        )
    planes = {a for tool in ("gateway", "cron") for a in any_agent_can_use(ctx, tool)}
    if ctx.openclaw:  # OpenClaw's coding profile carries its automations (scheduling) tool
        glob = ctx.config.tools.profile
        planes |= {a.id for a in ctx.agents if (a.tools.profile or glob) == "coding"}
    control = sorted(planes)
    if control:
        yield Finding(
            "security.exposure.open_groups_with_control_plane_tools",
            "critical",
            "Open channels reach the gateway or cron tools",
            f"strangers on {names} reach agents that can change the config, restart or schedule "
            f"runs: {', '.join(control)}.",
            'Add "gateway" and "cron" to tools.deny, or use tools.profile "messaging".',
        )


@check(
    CheckSpec("commands.bash_enabled", "warn|critical", "Chat users can run shell commands"),
    CheckSpec("commands.config_enabled", "warn", "Chat users can change the config"),
    CheckSpec("commands.debug_enabled", "warn", "Chat users can turn on debug mode"),
    CheckSpec("commands.restart_enabled", "warn", "Chat users can restart the gateway"),
)
def chat_commands(ctx: AuditContext) -> Iterator[Finding]:
    cmds = ctx.config.commands
    exposed = ctx.remote or any(is_open(scope) for _, scope in channel_scopes(ctx))
    table = (
        ("bash", cmds.bash, "run shell commands with the ! prefix"),
        ("config", cmds.config, "change the config with /config"),
        ("debug", cmds.debug, "turn on debug mode with /debug"),
        ("restart", cmds.restart, "restart the gateway with /restart"),
    )
    for key, enabled, what in table:
        if not enabled:
            continue
        severity = "critical" if key == "bash" and exposed else "warn"
        yield Finding(
            f"commands.{key}_enabled",
            severity,  # type: ignore[arg-type]
            f"Chat users can {what.split(' with')[0]}",
            f"commands.{key} is true: the owner's chat can {what}.",
            f"Set commands.{key} to false.",
        )


@check(
    CheckSpec(
        "agents.<id>.tools.denylist_untrusted",
        "warn",
        "Agent reached by other people uses a deny list",
    )
)
def deny_lists(ctx: AuditContext) -> Iterator[Finding]:
    untrusted = [name for name, scope in channel_scopes(ctx) if scope.dm_policy != "disabled"]
    untrusted += [name for name, scope in channel_scopes(ctx) if scope.group_policy != "disabled"]
    if not untrusted or ctx.config.tools.allow is not None:
        return
    for agent in ctx.agents:
        if agent.tools.allow is None and agent.is_default:
            yield Finding(
                f"agents.{agent.id}.tools.denylist_untrusted",
                "warn",
                "Agent reached by other people uses a deny list",
                f"agent {agent.id!r} answers channels ({', '.join(sorted(set(untrusted)))}) with "
                "no tools.allow: every tool not denied, plugin tools included, is available.",
                f"Give agent {agent.id!r} a tools.allow list of exactly the tools it needs.",
            )
