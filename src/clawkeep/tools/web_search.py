"""web_search: ask the configured search backend; with none (the default) it refuses."""

from __future__ import annotations

from pydantic import Field

from clawkeep.policy.effects import ToolEffects
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "WebSearchArgs"]


class WebSearchArgs(ArgsModel):
    query: str = Field(min_length=1, max_length=2000)
    count: int = Field(default=5, ge=1, le=20)


async def _run(args: WebSearchArgs, ctx: ToolContext) -> ToolResult:
    backend = ctx.services.search
    if backend is None or not ctx.config.tools.web.search.enabled:
        return refuse("tools.web_search.no_backend", "no search backend is configured")
    hits = await backend.search(args.query, args.count)
    lines = [f"- {h.get('title', '')} {h.get('url', '')}\n  {h.get('snippet', '')}" for h in hits]
    return ToolResult(True, "\n".join(lines) or "no results", untrusted=True, source="web_search")


TOOL = ToolDef(
    "web_search",
    "Search the web.",
    WebSearchArgs,
    _run,
    effects=ToolEffects(frozenset({"read_only"})),
)
