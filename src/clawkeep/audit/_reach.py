"""Which tools an agent can reach under the config (for the exposure checks).

The audit asks "could a stranger's message make this agent run exec?" and answers with
the tool policy's own resolution (``resolve_policy``) and the exec placement the runtime
uses (``place_exec``), so the audit and the enforcement never disagree.
"""

from __future__ import annotations

from typing import Any

from clawkeep.audit.context import AuditContext
from clawkeep.config.agents import ResolvedAgent
from clawkeep.policy.resolve import PolicyContext, ToolPolicy, resolve_policy

__all__ = [
    "RUNTIME_OR_FS",
    "agent_can_use",
    "any_agent_can_use",
    "as_dict",
    "as_list",
    "exec_security",
    "policy_for",
    "raw_agent",
    "raw_agent_at",
]

RUNTIME_OR_FS = ("exec", "process", "write", "edit", "apply_patch")


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` when the file has a mapping there, else an empty one (a wrong type is unset)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` when the file has a list there, else an empty one."""
    return value if isinstance(value, list) else []


def raw_agent(ctx: AuditContext, agent_id: str) -> dict[str, Any]:
    """The agent's entry as written in the file (agents.list[] or agents.entries.<id>)."""
    entries = as_dict(ctx.raw_at("agents", "entries"))
    if isinstance(entries.get(agent_id), dict):
        return entries[agent_id]  # type: ignore[no-any-return]
    for entry in as_list(ctx.raw_at("agents", "list")):
        if isinstance(entry, dict) and entry.get("id") == agent_id:
            return entry
    return {}


def raw_agent_at(ctx: AuditContext, agent_id: str, *path: str) -> Any:
    """A raw key inside the agent's entry, e.g. ("tools", "exec", "security")."""
    node: Any = raw_agent(ctx, agent_id)
    for part in path:
        node = as_dict(node).get(part)
    return node


def exec_security(ctx: AuditContext, agent_id: str) -> str:
    """tools.exec.security for ``agent_id``: its own, else the global one, else deny."""
    own = raw_agent_at(ctx, agent_id, "tools", "exec", "security")
    if isinstance(own, str):
        return own
    return ctx.config.tools.exec.security or "deny"


def policy_for(ctx: AuditContext, agent: ResolvedAgent, channel: str | None = None) -> ToolPolicy:
    """The agent's resolved policy for a turn from ``channel`` (cached per agent and channel)."""
    key = f"{agent.id}\0{channel or ''}"
    policy = ctx.policies.get(key)
    if policy is None:  # resolved once per agent, channel and audit, then asked per tool
        sandboxed = (agent.sandbox.mode or "all") != "off"
        pctx = PolicyContext(agent_id=agent.id, channel=channel, sandboxed=sandboxed)
        policy = resolve_policy(ctx.config, pctx)
        ctx.policies[key] = policy
    return policy


def agent_can_use(
    ctx: AuditContext, agent: ResolvedAgent, tool: str, channel: str | None = None
) -> bool:
    """True when every layer of the tool policy lets ``agent`` use ``tool``.

    exec and process also need ``tools.exec.security`` other than deny (the runtime's
    ``place_exec``). On an OpenClaw install, host exec does not go through elevated (OpenClaw
    runs it on the host when the sandbox is off), so that one clawkeep-only layer is skipped.
    """
    verdict = policy_for(ctx, agent, channel).decide(tool)
    allowed = verdict.allowed or (ctx.openclaw and verdict.reason == "policy.elevated_off")
    if allowed and tool in ("exec", "process"):
        security = exec_security(ctx, agent.id)
        if security == "deny":  # place_exec's first rule, answered without loading the sandbox
            return False
        from clawkeep.decision import Deny
        from clawkeep.sandbox.placement import place_exec

        placed = place_exec(
            mode=agent.sandbox.mode,
            security=security,  # type: ignore[arg-type]
            session_is_main=True,
        )
        allowed = not isinstance(placed, Deny)
    return allowed


def any_agent_can_use(ctx: AuditContext, tool: str) -> list[str]:
    """Ids of the agents that can use ``tool``."""
    return [a.id for a in ctx.agents if agent_can_use(ctx, a, tool)]
