"""The guards' own switches: every setting that relaxes a guard is named by the audit."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check

__all__: list[str] = []


@check(
    CheckSpec(
        "guards.file.identity_files_unlocked",
        "warn",
        "Agents may rewrite SOUL.md / AGENTS.md",
    ),
    CheckSpec(
        "guards.network.private_network_allowed",
        "warn",
        "Agents may reach private networks",
    ),
    CheckSpec("guards.network.allow_cidrs", "warn|critical", "Special networks allowed for agents"),
    CheckSpec("guards.channel.disabled", "warn", "Inbound prompt-injection guard is off"),
    CheckSpec("guards.channel.fail_open", "warn", "Inbound guard lets messages through on error"),
    CheckSpec("guards.content.disabled", "warn", "Content guard is off"),
)
def guard_switches(ctx: AuditContext) -> Iterator[Finding]:
    guards = ctx.config.guards
    if guards.file.unlock_identity_files:
        yield Finding(
            "guards.file.identity_files_unlocked",
            "warn",
            "Agents may rewrite SOUL.md / AGENTS.md",
            "guards.file.unlockIdentityFiles is true: a prompt-injected agent can remove its "
            "own guardrails (the seed's self-modification threat).",
            "Set guards.file.unlockIdentityFiles to false.",
        )
    net = guards.network
    if net.allow_private_network:
        yield Finding(
            "guards.network.private_network_allowed",
            "warn",
            "Agents may reach private networks",
            "guards.network.allowPrivateNetwork is true: web_fetch can reach the LAN and routers.",
            "Set guards.network.allowPrivateNetwork to false; list single hosts in allowCidrs.",
        )
    if net.allow_cidrs:
        loopback = any(
            ipaddress.ip_network(c).overlaps(ipaddress.ip_network("127.0.0.0/8"))
            for c in net.allow_cidrs
            if ipaddress.ip_network(c).version == 4
        )
        yield Finding(
            "guards.network.allow_cidrs",
            "critical" if loopback else ctx.rises(),  # type: ignore[arg-type]
            "Special networks allowed for agents",
            f"guards.network.allowCidrs = {list(net.allow_cidrs)}"
            + (": loopback reaches the gateway itself." if loopback else "."),
            "Remove entries from guards.network.allowCidrs that agents do not need.",
        )
    channel = guards.channel
    if not channel.enabled:
        yield Finding(
            "guards.channel.disabled",
            "warn",
            "Inbound prompt-injection guard is off",
            "guards.channel.enabled is false: inbound messages reach agents unscanned.",
            "Set guards.channel.enabled to true.",
        )
    elif channel.fail_open:
        yield Finding(
            "guards.channel.fail_open",
            "warn",
            "Inbound guard lets messages through on error",
            "guards.channel.failOpen is true: a classifier failure admits the message.",
            "Set guards.channel.failOpen to false.",
        )
    if not guards.content.enabled:
        yield Finding(
            "guards.content.disabled",
            "warn",
            "Content guard is off",
            "guards.content.enabled is false: tool results and sessions_send payloads are "
            "not scanned for injections.",
            "Set guards.content.enabled to true.",
        )


@check(
    CheckSpec(
        "channel_guard.model_unavailable",
        "warn",
        "Injection classifier missing: rules only",
    )
)
def classifier_model(ctx: AuditContext) -> Iterator[Finding]:
    if not ctx.config.guards.channel.enabled:
        return
    from clawkeep.guards.injection.model_files import model_files_status  # no onnxruntime

    available, why = model_files_status()
    if not available:
        yield Finding(
            "channel_guard.model_unavailable",
            "warn",
            "Injection classifier missing: rules only",
            f"the channel guard runs on rules alone: {why}",
            "Reinstall clawkeep (the model ships inside the package and is checked by sha256).",
        )
