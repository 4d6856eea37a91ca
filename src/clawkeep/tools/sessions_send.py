"""sessions_send: delegate to another agent. The target must be in the caller's
`subagents.allowAgents` (or both in an enabled `tools.agentToAgent.allow`); the payload
passes the content hook and enters the target's session as untrusted content.
"""

from __future__ import annotations

from pydantic import Field

from clawkeep.config.agents import resolve_agents
from clawkeep.decision import Deny
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._sessions import agent_of, delegate_key
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["MAX_DEPTH", "TOOL", "SessionsSendArgs", "may_reach"]

MAX_DEPTH = 2  # main -> search -> (no further): delegation cannot loop


class SessionsSendArgs(ArgsModel):
    message: str = Field(min_length=1, max_length=100_000)
    agent_id: str | None = Field(default=None, max_length=64)
    session_key: str | None = Field(default=None, max_length=1024)


def _listed(agent_id: str, allowed: tuple[str, ...]) -> bool:
    return "*" in allowed or agent_id in allowed


def may_reach(ctx: ToolContext, target: str) -> Deny | None:
    """None when ``ctx.agent`` may delegate to ``target``; else why not."""
    if target == ctx.agent.id:
        return Deny("tools.sessions_send.self", "an agent cannot delegate to itself")
    if _listed(target, ctx.agent.subagents.allow_agents):
        return None
    a2a = ctx.config.tools.agent_to_agent
    if a2a.enabled and _listed(target, a2a.allow) and _listed(ctx.agent.id, a2a.allow):
        return None
    # Delegation is opt-in per target: an injected model cannot pick its own helpers.
    return Deny("tools.sessions_send.not_allowed", f"{target!r} is not in subagents.allowAgents")


async def _run(args: SessionsSendArgs, ctx: ToolContext) -> ToolResult:
    target = args.agent_id or (agent_of(args.session_key) if args.session_key else None)
    if not target:
        return refuse("tools.sessions_send.no_target", "give agentId or sessionKey")
    refused = may_reach(ctx, target)
    if refused is not None:
        return refuse(refused.reason, refused.detail)
    if target not in {a.id for a in resolve_agents(ctx.config, ctx.paths)}:
        return refuse("tools.sessions_send.unknown_agent", f"no agent {target!r}")
    if ctx.depth >= MAX_DEPTH:
        return refuse("tools.sessions_send.too_deep", f"delegation depth {MAX_DEPTH} reached")
    source = f"sessions_send:{ctx.agent.id}"
    hook = ctx.services.content_hook
    if hook is None:
        # The runtime always installs the content guard; a bare context fails closed.
        return refuse("tools.sessions_send.unavailable", "no content guard on delegation")
    verdict = await hook(args.message, source)
    if isinstance(verdict, Deny):
        return refuse(verdict.reason, verdict.detail)
    if ctx.store is None or ctx.services.delegate is None:
        return refuse("tools.sessions_send.unavailable", "no transcript store or runtime")
    # Always the caller session's own delegation session with the target: a caller-chosen
    # key could plant the payload in the operator's main session with that agent, and one
    # key per caller agent would carry one sender's delegated words into another's reply.
    key = delegate_key(target, ctx.session_key)
    meta = {"untrusted": True, "source": source, "from_session": ctx.session_key}
    ctx.store.append(key, "user", args.message, meta=meta)  # wrapped when the target reads it
    reply = await ctx.services.delegate(target, key, ctx.depth + 1, ctx.sender)
    return ToolResult(True, reply or "(no reply)", untrusted=True, source=f"agent:{target}")


TOOL = ToolDef(
    "sessions_send",
    "Send a task to another agent.",
    SessionsSendArgs,
    _run,
    effects=ToolEffects(frozenset({"sends_outside"}), selectors=("agent_id", "session_key")),
)
