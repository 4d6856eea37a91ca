"""browser: drive the managed Chromium (open, snapshot, click, type, screenshot, back,
tabs, close; evaluate only with `browser.evaluateEnabled`).

Everything a page says comes back as untrusted content (wrapped, screened by the content
guard). Without `browser.enabled` there is no browser service, the policy does not offer
the tool, and no Chromium ever starts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._browser_host import BrowserHost, BrowserNetwork, browser_network
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse

__all__ = ["TOOL", "BrowserArgs", "BrowserHost", "BrowserNetwork", "browser_network"]

Action = Literal[
    "open", "snapshot", "click", "type", "screenshot", "back", "tabs", "close", "evaluate"
]


class BrowserArgs(ArgsModel):
    action: Action
    url: str | None = Field(default=None, min_length=1, max_length=8192)
    target: str | None = Field(default=None, min_length=1, max_length=500)
    text: str | None = Field(default=None, max_length=20_000)
    submit: bool = False
    tab: int | None = Field(default=None, ge=0, le=100)
    profile: str | None = Field(default=None, min_length=1, max_length=64)
    max_chars: int = Field(default=20_000, ge=200, le=200_000)
    expression: str | None = Field(default=None, min_length=1, max_length=20_000)


_NEEDS = {"open": "url", "click": "target", "type": "target", "evaluate": "expression"}


async def _run(args: BrowserArgs, ctx: ToolContext) -> ToolResult:
    if not ctx.config.browser.enabled or ctx.services.browser is None:
        return refuse("browser.disabled", "browser.enabled is false: no browser runs here")
    if args.action == "evaluate" and not ctx.config.browser.evaluate_enabled:
        # Raw JavaScript in a logged-in page is opt-in (browser.evaluateEnabled).
        return refuse("browser.evaluate_disabled", "browser.evaluateEnabled is false")
    needed = _NEEDS.get(args.action)
    if needed is not None and getattr(args, needed) is None:
        return refuse("tools.bad_arguments", f"{args.action} needs {needed}")
    if args.action == "type" and args.text is None:
        return refuse("tools.bad_arguments", "type needs text")

    def record(reason: str, host: str) -> None:
        # Each request the page made that the proxy or the route check refused is logged.
        if ctx.events is not None:
            ctx.events.emit(
                "tool.request_refused",
                reason,
                agent=ctx.agent.id,
                session_key=ctx.session_key,
                host=host,
            )

    return await ctx.services.browser.act(args.action, args.model_dump(), record)


TOOL = ToolDef(
    "browser",
    "Use a web browser: action open (url), snapshot (the page as an accessibility tree with "
    "refs like e12), click (target: a ref), type (target, text, submit), screenshot, back, "
    "tabs (tab selects one), close (tab).",
    BrowserArgs,
    _run,
    # Opening a URL sends a request out (data can ride in it): the URL must be grounded once
    # untrusted content is in the turn. The other actions act on the page already open.
    effects=ToolEffects(frozenset({"sends_outside"}), selectors=("url",)),
)
