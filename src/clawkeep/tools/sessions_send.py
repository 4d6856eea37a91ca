"""sessions_send: delegate to another agent. The target must be in the caller's
`subagents.allowAgents` (or both in an enabled `tools.agentToAgent.allow`); the payload
passes the content hook and enters the target's session as untrusted content.

A payload the hook flags keeps its flag: it is stored flagged, an event says so, and the
target's delegated turn runs as a flagged message's turn does (no high-risk tools). A
payload the hook does not block alone is scored once more joined to the recent unflagged
payloads this caller session sent the target (what the target's model reads together), so
an injection split over two calls is judged whole.
"""

from __future__ import annotations

from pydantic import Field

from clawkeep.config.agents import resolve_agents
from clawkeep.decision import Allow, Deny
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._sessions import agent_of, delegate_key
from clawkeep.tools.base import (
    ArgsModel,
    ContentHook,
    Flagged,
    ToolContext,
    ToolDef,
    ToolResult,
    refuse,
)

__all__ = ["MAX_DEPTH", "TOOL", "SessionsSendArgs", "may_reach"]

MAX_DEPTH = 2  # main -> search -> (no further): delegation cannot loop
_JOINED_PAYLOADS = 3  # earlier payloads scored with a new one (a split injection's halves)
_JOINED_ROWS = 20  # ... found among the target session's last rows
_JOINED_CHARS = 20_000  # ... of which the last this many characters (the seam) are scored


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
    if ctx.store is None or ctx.services.delegate is None:
        return refuse("tools.sessions_send.unavailable", "no transcript store or runtime")
    # Always the caller session's own delegation session with the target: a caller-chosen
    # key could plant the payload in the operator's main session with that agent, and one
    # key per caller agent would carry one sender's delegated words into another's reply.
    key = delegate_key(target, ctx.session_key)
    verdict, joined = await _screen(ctx, hook, key, source, args.message)
    if isinstance(verdict, Deny):
        return refuse(verdict.reason, verdict.detail)
    meta: dict[str, object] = {"untrusted": True, "source": source, "from_session": ctx.session_key}
    flag = ""
    if isinstance(verdict, Flagged):
        flag = verdict.reason
        meta.update(flagged=True, flag_reason=flag)
        if ctx.events is not None:
            ctx.events.emit(
                "tool.flagged",
                "tools.sessions_send.flagged",  # the target's turn runs without risky tools
                agent=ctx.agent.id,
                session_key=ctx.session_key,
                tool="sessions_send",
                target=target,
                target_session=key,
                guard_reason=flag,
                joined=joined,
            )
    ctx.store.append(key, "user", args.message, meta=meta)  # wrapped when the target reads it
    reply = await ctx.services.delegate(target, key, ctx.depth + 1, ctx.sender, flag=flag)
    return ToolResult(True, reply or "(no reply)", untrusted=True, source=f"agent:{target}")


async def _screen(
    ctx: ToolContext, hook: ContentHook, key: str, source: str, message: str
) -> tuple[Allow | Flagged | Deny, int]:
    """The hook's verdict on the payload, and how many earlier payloads decided it: one
    the hook does not block alone is judged again joined to the recent unflagged payloads
    before it; the worse of the two verdicts holds (a flag alone keeps its own reason)."""
    alone = await hook(message, source)
    if isinstance(alone, Deny):
        return alone, 0
    earlier = _earlier_payloads(ctx, key, source)
    room = ctx.config.guards.content.max_chars - len(message) - 1
    seam = "\n".join(earlier)[-min(_JOINED_CHARS, room) :] if earlier and room > 0 else ""
    if not seam:
        return alone, 0
    joined = await hook(seam + "\n" + message, source)
    detail = f"read with the {len(earlier)} payload(s) sent before it: {joined.detail}"
    if isinstance(joined, Deny):
        # The halves of one injection, each passed alone: this half never arrives.
        return Deny(joined.reason, detail), len(earlier)
    if isinstance(joined, Flagged) and isinstance(alone, Allow):
        return Flagged(joined.reason, detail), len(earlier)
    return alone, 0


def _earlier_payloads(ctx: ToolContext, key: str, source: str) -> list[str]:
    """The last unflagged payloads this caller session sent the target, oldest first. A
    flagged one had its own flagged turn (as a flagged message does) and is left out, or
    every later payload would be flagged for it."""
    if ctx.store is None:
        return []
    rows = ctx.store.history(key, _JOINED_ROWS)
    sent = [
        r.text
        for r in rows
        if r.role == "user" and r.meta.get("source") == source and not r.meta.get("flagged")
    ]
    return sent[-_JOINED_PAYLOADS:]


TOOL = ToolDef(
    "sessions_send",
    "Send a task to another agent.",
    SessionsSendArgs,
    _run,
    effects=ToolEffects(frozenset({"sends_outside"}), selectors=("agent_id", "session_key")),
)
