"""The exfiltration path: can a stranger's message make an agent read data and send it out?

For every channel scope that admits strangers (open DMs and open groups: critical; pairing
DMs, where a stranger gets in once the owner approves a code: warn) the message reaches the
default agent (on an OpenClaw install, also the agents `bindings[]` route the channel to).
From there the model, which obeys whoever wrote the message, may delegate through
``sessions_send`` to every agent the runtime's ``may_reach`` lets it reach, up to the
runtime's ``MAX_DEPTH``. Along that path it needs one tool that reads secrets or workspace
data and one that sends data off the machine. Each
question is answered by the runtime's own functions (``policy_for`` → ``resolve_policy``,
``place_exec``, ``may_reach``), so the finding is cut exactly where the runtime would cut
the attack: a tool allow list, ``subagents.allowAgents``, a sandbox without network.

The untrusted-data rule (``tools.untrusted.mode``, the sending agent's own or the global
one; unset means ``deny`` in a stranger's session) is no structural cut: it lets through
a send whose destination the config names (``trustedDestinations``, allowFrom contacts),
and ``ask`` lets the owner approve one. So a chain stays reported while the rule is on,
one step lower (critical → warn, warn → info) and saying why; with ``mode: "off"`` on the
sending agent it is rated as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from clawkeep.audit._reach import agent_can_use, as_dict, as_list
from clawkeep.audit.checks.channels import channel_scopes
from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check
from clawkeep.config.agents import ResolvedAgent
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.contracts import Severity
from clawkeep.policy.trust import untrusted_config

__all__ = [
    "egress_tools",
    "entry_agents",
    "entry_label",
    "reader_tools",
    "scope_is_pairing",
    "untrusted_rule",
]

_READERS = ("read", "memory_get", "memory_search", "sessions_history", "exec")


def entry_label(name: str, scope: ChannelAccessConfig) -> str | None:
    """How strangers get in on this scope ("telegram open group"), or None if they do not."""
    if scope.group_policy == "open":
        return f"{name} open group"
    if scope.dm_policy == "open":
        return f"{name} open DM"
    if scope.dm_policy == "pairing":
        return f"{name} pairing DM"
    return None


def scope_is_pairing(label: str) -> bool:
    return label.endswith(" pairing DM")


def _exec_has_network(agent: ResolvedAgent) -> bool:
    if (agent.sandbox.mode or "all") == "off":
        return True  # on the host: the host's network
    egress = agent.sandbox.egress
    return bool(egress and egress.allow_domains)  # sandboxed: only the listed domains


def reader_tools(ctx: AuditContext, agent: ResolvedAgent, channel: str) -> list[str]:
    """Tools ``agent`` can use to read secrets or workspace data."""
    out = []
    for tool in _READERS:
        if not agent_can_use(ctx, agent, tool, channel):
            continue
        sandboxed = (agent.sandbox.mode or "all") != "off"
        if tool == "read" and sandboxed and (agent.sandbox.workspace_access or "none") == "none":
            continue  # a sandbox without the workspace reads a scratch dir only
        out.append(tool)
    return out


def egress_tools(ctx: AuditContext, agent: ResolvedAgent, channel: str) -> list[str]:
    """Tools ``agent`` can use to send data off the machine."""
    out = []
    if agent_can_use(ctx, agent, "web_fetch", channel):
        out.append("web_fetch")
    if ctx.config.browser.enabled and agent_can_use(ctx, agent, "browser", channel):
        out.append("browser")
    if agent_can_use(ctx, agent, "exec", channel) and _exec_has_network(agent):
        out.append("exec")
    if agent_can_use(ctx, agent, "message", channel):
        out.append("message")
    return out


_LOWER: dict[Severity, Severity] = {"critical": "warn", "warn": "info", "info": "info"}


def untrusted_rule(ctx: AuditContext, agent: ResolvedAgent) -> str | None:
    """The untrusted-data rule's mode in a stranger's session of ``agent``; None when off."""
    # No owner is present in a stranger's session: an unset mode is "deny" there.
    mode = untrusted_config(ctx.config, agent.id).mode or "deny"
    return None if mode == "off" else mode


def _rule_note(mode: str, agent: ResolvedAgent) -> str:
    what = (
        "refuses any other send (no owner can be asked in a stranger's session)"
        if mode == "deny"
        else "holds any other send for the owner's approval"
    )
    return (
        f" The untrusted-data rule (tools.untrusted.mode {mode!r} for agent {agent.id!r}) "
        "narrows this path: once a stranger's words are in the context, a send runs only to "
        "a destination the config names (trustedDestinations, allowFrom contacts) and it "
        f"{what}; rated one step lower for it."
    )


def _paths(ctx: AuditContext, start: ResolvedAgent, channel: str) -> list[list[ResolvedAgent]]:
    """Every delegation path from ``start`` the runtime allows (``may_reach``, ``MAX_DEPTH``)."""
    from clawkeep.tools.sessions_send import MAX_DEPTH, may_reach

    out = [[start]]
    frontier = [[start]]
    for depth in range(MAX_DEPTH):
        nxt = []
        for path in frontier:
            here = path[-1]
            if not agent_can_use(ctx, here, "sessions_send", channel):
                continue
            caller: Any = SimpleNamespace(agent=here, config=ctx.config, depth=depth)
            for target in ctx.agents:
                if target in path or may_reach(caller, target.id) is not None:
                    continue
                nxt.append([*path, target])
        out.extend(nxt)
        frontier = nxt
    return out


def entry_agents(ctx: AuditContext, scope_name: str) -> list[ResolvedAgent]:
    """The agents a message on ``scope_name`` (`telegram` / `telegram.work`) can reach first.

    clawkeep routes every message to the default agent. An OpenClaw install may route by
    `bindings[]` (match.channel, match.accountId): every agent bound to the channel counts,
    and the default agent too unless a binding takes the whole channel.
    """
    default = ctx.agents[0]
    if not ctx.openclaw:
        return [default]
    channel, _, account = scope_name.partition(".")
    by_id = {a.id: a for a in ctx.agents}
    bound: list[ResolvedAgent] = []
    whole = False
    for binding in as_list(ctx.raw_at("bindings")):
        match = as_dict(as_dict(binding).get("match"))
        if match.get("channel") != channel:
            continue
        wanted = match.get("accountId")
        if account and wanted not in (None, "*", account):
            continue
        agent = by_id.get(str(as_dict(binding).get("agentId")))
        if agent is not None and agent not in bound:
            bound.append(agent)
            whole = whole or (wanted in (None, "*") and not match.get("peer"))
    if not whole:
        bound.append(default)  # messages no binding takes still reach the default agent
    return list(dict.fromkeys(bound))


@check(
    CheckSpec(
        "security.exfiltration_path",
        "info|warn|critical",
        "A stranger's message can read data and send it out",
    )
)
def exfiltration(ctx: AuditContext) -> Iterator[Finding]:
    if not ctx.agents:
        return
    for name, scope in channel_scopes(ctx):
        label = entry_label(name, scope)
        if label is None:
            continue
        channel = name.split(".")[0]
        paths = [p for entry in entry_agents(ctx, name) for p in _paths(ctx, entry, channel)]
        for path in paths:
            readers = [(a, t) for a in path for t in reader_tools(ctx, a, channel)]
            last = path[-1]
            egress = egress_tools(ctx, last, channel)
            if not readers or not egress:
                continue
            chain = [label]
            for i, agent in enumerate(path):
                if i:
                    chain.append("sessions_send")
                chain.append(agent.id)
            reader_agent, reader = readers[0]
            chain.extend([reader, egress[0]])
            route = " → ".join(chain)
            # Open scopes admit anyone at once; pairing admits whoever the owner approves.
            severity: Severity = "warn" if scope_is_pairing(label) else "critical"
            rule = untrusted_rule(ctx, last)
            note = ""
            if rule is not None:  # the send is held to config destinations: one step lower
                severity, note = _LOWER[severity], _rule_note(rule, last)
            yield Finding(
                "security.exfiltration_path",
                severity,
                "A stranger's message can read data and send it out",
                f"{route}: a stranger's message can send data out ({reader} on agent "
                f"{reader_agent.id!r} reads it; {', '.join(egress)} on agent {last.id!r} send "
                f"it).{note}",
                f'Cut the chain: {name}\'s dmPolicy/groupPolicy "allowlist", or deny '
                f"{', '.join(egress)} to agent {last.id!r} (tools.deny or a tools.allow list), "
                "or narrow subagents.allowAgents, or a sandbox without network for exec.",
                chain=tuple(chain),
            )
