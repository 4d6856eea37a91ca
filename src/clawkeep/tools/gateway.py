"""gateway: the control plane (status / restart / config) through the gateway's own
control seam. No seam connected: only status answers. restart needs `commands.restart`,
config.apply needs `commands.config` (both off by default, as in OpenClaw), and the
policy keeps this tool from any agent that does not need it (the guide denies it).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from clawkeep import __version__
from clawkeep.decision import Deny
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "GatewayArgs"]


class GatewayArgs(ArgsModel):
    action: Literal["status", "restart", "config.apply"]
    raw: str | None = Field(default=None, max_length=1_000_000)


async def _run(args: GatewayArgs, ctx: ToolContext) -> ToolResult:
    if args.action == "status":
        return ToolResult(True, f"clawkeep {__version__}; agent {ctx.agent.id}")
    commands = ctx.config.commands
    if args.action == "restart" and not commands.restart:
        # OpenClaw's commands.restart gates /restart and this action; off by default.
        return refuse("tools.gateway.restart_off", "commands.restart is false")
    if args.action == "config.apply" and not commands.config:
        # The config is write-protected from the agent unless commands.config is set.
        return refuse("tools.gateway.config_off", "commands.config is false")
    control = ctx.services.control
    if control is None:
        return refuse("tools.gateway.unavailable", "no control plane is connected")
    if args.action == "restart":
        done = await control.restart()
    else:
        if args.raw is None:
            return refuse("tools.gateway.no_config", "config.apply needs raw")
        done = await control.apply_config(args.raw)
    if isinstance(done, Deny):
        return refuse(done.reason, done.detail)
    return ToolResult(True, f"{args.action}: done")


TOOL = ToolDef(
    "gateway",
    "Gateway status, restart or config (control plane).",
    GatewayArgs,
    _run,
    effects=ToolEffects(frozenset({"controls_gateway"})),
)
