"""message: send a message on a channel through the gateway's messenger (none: refuse)."""

from __future__ import annotations

from pydantic import Field

from clawkeep.decision import Deny
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "MessageArgs"]


class MessageArgs(ArgsModel):
    channel: str = Field(min_length=1, max_length=64)
    to: str = Field(min_length=1, max_length=256)
    message: str = Field(min_length=1, max_length=20_000)


async def _run(args: MessageArgs, ctx: ToolContext) -> ToolResult:
    if ctx.services.messenger is None:
        return refuse("tools.message.unavailable", "no messenger is connected")
    sent = await ctx.services.messenger.send(args.channel, args.to, args.message)
    if isinstance(sent, Deny):
        return refuse(sent.reason, sent.detail)
    return ToolResult(True, f"sent to {args.to} on {args.channel}")


TOOL = ToolDef(
    "message",
    "Send a message on a channel.",
    MessageArgs,
    _run,
    effects=ToolEffects(frozenset({"sends_outside"}), selectors=("channel", "to")),
)
