"""Which tools an agent can reach under the config (for the exposure checks).

The audit asks "could a stranger's message make this agent run exec?" and answers with
the tool policy's own resolution, so the audit and the enforcement never disagree.
"""

from __future__ import annotations

from clawkeep.audit.context import AuditContext
from clawkeep.config.agents import ResolvedAgent
from clawkeep.policy.resolve import PolicyContext, resolve_policy

__all__ = ["RUNTIME_OR_FS", "agent_can_use", "any_agent_can_use"]

RUNTIME_OR_FS = ("exec", "process", "write", "edit", "apply_patch")


def agent_can_use(ctx: AuditContext, agent: ResolvedAgent, tool: str) -> bool:
    """True when every layer of the tool policy lets ``agent`` use ``tool``."""
    policy = ctx.policies.get(agent.id)
    if policy is None:  # resolved once per agent and audit, then asked per tool
        sandboxed = (agent.sandbox.mode or "all") != "off"
        policy = resolve_policy(ctx.config, PolicyContext(agent_id=agent.id, sandboxed=sandboxed))
        ctx.policies[agent.id] = policy
    return policy.decide(tool).allowed


def any_agent_can_use(ctx: AuditContext, tool: str) -> list[str]:
    """Ids of the agents that can use ``tool``."""
    return [a.id for a in ctx.agents if agent_can_use(ctx, a, tool)]
