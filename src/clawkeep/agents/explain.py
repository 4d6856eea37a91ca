"""What a turn would decide for one tool, asked the way the turn asks it.

`clawkeep policy explain` calls ``explain_tool``; it uses the turn's own functions: the
sandbox decision (``turn_sandboxed``), the tool policy resolved over the tool registry
(a tool with no implementation is never offered: it does not exist here), and for exec
the exec tool's own placement (``tools.exec.security``, sandbox mode, elevated). So the
explanation cannot say "allowed" where the turn would refuse.
"""

from __future__ import annotations

from clawkeep.agents.sandboxing import turn_sandboxed
from clawkeep.config.agents import ResolvedAgent
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.policy import PolicyContext, ToolPolicy, ToolVerdict, canonical_name, resolve_policy
from clawkeep.tools.exec import exec_placement
from clawkeep.tools.registry import registry

__all__ = ["explain_tool"]


def explain_tool(
    config: RootConfig,
    agent: ResolvedAgent,
    tool: str,
    *,
    channel: str | None = None,
    group: str | None = None,
    sender: str | None = None,
    main_session: bool = False,
) -> tuple[ToolVerdict, frozenset[str]]:
    """The decision on ``tool`` for a turn of ``agent`` from this channel/group/sender, and
    the tools such a turn offers the model."""
    ctx = PolicyContext(
        agent_id=agent.id,
        channel=channel,
        group=group,
        sender=sender,
        sandboxed=turn_sandboxed(agent, session_is_main=main_session),
    )
    tools = registry()
    policy = resolve_policy(config, ctx, implemented=tools)
    name = canonical_name(tool)
    return _decide(config, agent, policy, name, main_session), policy.offered


def _decide(
    config: RootConfig, agent: ResolvedAgent, policy: ToolPolicy, name: str, main_session: bool
) -> ToolVerdict:
    if name in policy.known and name not in registry():
        # OpenClaw knows the name (canvas, nodes ...); clawkeep has no such tool, so no
        # layer's allow can make it run. The dispatcher refuses it the same way.
        return ToolVerdict(
            name,
            False,
            "tools.not_implemented",
            "tools",
            "",
            f"{name!r} does not exist in clawkeep: no tool of that name is registered",
        )
    verdict = policy.decide(name)
    if not verdict.allowed or name != "exec":
        return verdict
    placement = exec_placement(config, agent, policy, session_is_main=main_session)
    if isinstance(placement, Deny):
        return ToolVerdict(name, False, placement.reason, "exec", "", placement.detail)
    where = f"runs on the {placement.where} ({placement.reason}, security {placement.security})"
    return ToolVerdict(name, True, verdict.reason, verdict.layer, verdict.rule, where)
