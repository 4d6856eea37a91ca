"""web_fetch: GET a URL through the network guard (SSRF checks on every hop, capped body).

The page is untrusted content: it reaches the model only inside boundary markers.
"""

from __future__ import annotations

from pydantic import Field

from clawkeep.decision import Deny
from clawkeep.guards.network_guard import fetch, policy_from_config
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "WebFetchArgs"]


class WebFetchArgs(ArgsModel):
    url: str = Field(min_length=1, max_length=8192)
    max_chars: int = Field(default=50_000, ge=100, le=500_000)


async def _run(args: WebFetchArgs, ctx: ToolContext) -> ToolResult:
    policy = policy_from_config(ctx.config.guards.network)
    result = await fetch(args.url, policy, resolver=ctx.services.resolver)
    if isinstance(result, Deny):
        return refuse(result.reason, result.detail)
    text = result.body.decode("utf-8", "replace")[: args.max_chars]
    header = f"HTTP {result.status} {result.url}\n"
    return ToolResult(result.status < 400, header + text, untrusted=True, source=result.url)


TOOL = ToolDef(
    "web_fetch",
    "Fetch a web page (text).",
    WebFetchArgs,
    _run,
    effects=ToolEffects(frozenset({"sends_outside"}), selectors=("url",)),
)
