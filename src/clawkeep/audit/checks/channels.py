"""Channel access: open DMs, open groups, missing mention gating, shared DM sessions."""

from __future__ import annotations

from collections.abc import Iterator

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check
from clawkeep.config.schema.channels import ChannelAccessConfig

__all__ = ["channel_scopes", "is_open", "multi_user"]


def channel_scopes(ctx: AuditContext) -> Iterator[tuple[str, ChannelAccessConfig]]:
    """Each enabled channel and each of its accounts, named `telegram` / `telegram.work`."""
    for name, channel in ctx.config.channels.items():
        if channel.enabled:
            yield name, channel
        for account_id, account in channel.accounts.items():
            if account.enabled:
                yield f"{name}.{account_id}", account


def is_open(scope: ChannelAccessConfig) -> bool:
    """A stranger can start a turn: open DMs, or open groups with no sender limit."""
    if scope.dm_policy == "open":
        return True
    if scope.group_policy == "open":
        senders = scope.group_allow_from if scope.group_allow_from is not None else scope.allow_from
        return not senders or "*" in senders
    return False


def multi_user(scope: ChannelAccessConfig) -> bool:
    """More than one person can DM the agent on this channel."""
    if scope.dm_policy == "disabled":
        return False
    if scope.dm_policy in ("open", "pairing"):
        return True
    return len(scope.allow_from) > 1 or "*" in scope.allow_from


@check(
    CheckSpec("channels.<ch>.dm.open", "critical", "Anyone can DM the agent"),
    CheckSpec("channels.<ch>.dm.disabled", "info", "DMs are disabled"),
    CheckSpec("channels.<ch>.dm.open_invalid", "warn", 'dmPolicy open without "*"'),
    CheckSpec("channels.<ch>.group.open", "warn|critical", "Any group can use the agent", True),
    CheckSpec(
        "channels.<ch>.groups.require_mention_missing",
        "warn",
        "Groups answer without being mentioned",
    ),
    CheckSpec(
        "channels.<ch>.dm.scope_main_multiuser",
        "warn",
        "Several DM senders share one session",
    ),
)
def channel_access(ctx: AuditContext) -> Iterator[Finding]:
    scope_main = ctx.config.session.dm_scope == "main"
    for name, scope in channel_scopes(ctx):
        base = f"channels.{name}"
        if scope.dm_policy == "open":
            yield Finding(
                f"{base}.dm.open",
                "critical",
                "Anyone can DM the agent",
                f'{base}.dmPolicy is "open": strangers use the agent and its tools.',
                f'Set {base}.dmPolicy to "pairing" (or "allowlist" with {base}.allowFrom).',
            )
            if "*" not in scope.allow_from:
                yield Finding(
                    f"{base}.dm.open_invalid",
                    "warn",
                    'dmPolicy open without "*"',
                    f'open DMs need "*" in {base}.allowFrom; the gateway refuses this combination.',
                    f'Set {base}.dmPolicy to "allowlist", or add "*" to {base}.allowFrom.',
                )
        elif scope.dm_policy == "disabled":
            yield Finding(
                f"{base}.dm.disabled",
                "info",
                "DMs are disabled",
                f"{base} ignores every direct message.",
                "",
            )
        if scope.group_policy == "open":
            yield Finding(
                f"{base}.group.open",
                ctx.rises(),  # type: ignore[arg-type]
                "Any group can use the agent",
                f'{base}.groupPolicy is "open": any group the bot is added to can start turns.',
                f'Set {base}.groupPolicy to "allowlist" and list groups in {base}.groups '
                f"({ctx.words.audit_fix} does this).",
            )
        loose = [
            gid
            for gid, group in scope.groups.items()
            if group.enabled and group.require_mention is not True
        ]
        if scope.group_policy != "disabled" and loose:
            listed = ", ".join(sorted(loose))
            yield Finding(
                f"{base}.groups.require_mention_missing",
                "warn",
                "Groups answer without being mentioned",
                f"groups without requireMention: true in {base}.groups: {listed}.",
                f'Set {base}.groups["<id>"].requireMention to true for each of them.',
            )
        if scope_main and multi_user(scope):
            yield Finding(
                f"{base}.dm.scope_main_multiuser",
                "warn",
                "Several DM senders share one session",
                f'session.dmScope is "main" and several people can DM {base}: one sender '
                "can read another's conversation through the shared context.",
                'Set session.dmScope to "per-channel-peer".',
            )


def _multi_user_signals(ctx: AuditContext) -> list[str]:
    out = []
    for name, scope in channel_scopes(ctx):
        base = f"channels.{name}"
        if scope.group_policy == "open":
            out.append(f'{base}.groupPolicy "open"')
        elif scope.group_policy == "allowlist" and scope.groups:
            out.append(f"{base}.groups lists group chats")
        if scope.dm_policy == "open":
            out.append(f'{base}.dmPolicy "open"')
        elif scope.dm_policy == "pairing" and ctx.config.session.dm_scope == "main":
            out.append(f'{base}.dmPolicy "pairing" with dmScope "main"')
        if "*" in scope.allow_from:
            out.append(f'{base}.allowFrom has "*"')
        if scope.group_allow_from and "*" in scope.group_allow_from:
            out.append(f'{base}.groupAllowFrom has "*"')
    return out


@check(
    CheckSpec(
        "security.trust_model.multi_user_heuristic",
        "warn",
        "Several people can reach the agents",
    )
)
def multi_user_trust(ctx: AuditContext) -> Iterator[Finding]:
    signals = _multi_user_signals(ctx)
    if signals:
        yield Finding(
            "security.trust_model.multi_user_heuristic",
            "warn",
            "Several people can reach the agents",
            f"{'; '.join(signals)}: people who may not trust each other share one gateway, its "
            "agents, tools and credentials.",
            "Split untrusted users onto separate gateways; otherwise set session.dmScope to "
            '"per-channel-peer", agents.defaults.sandbox.mode to "all" and deny runtime/fs tools.',
        )
