"""What each browser action does on the running Chromium, and what the model reads back.

Whatever a page says (its text, its title, a script's value) comes back as untrusted
content; clawkeep's own confirmations name only a page's host, in a plain spelling. A URL
is checked before Chromium is asked to open it, and a navigation the proxy or the route
check refused on a redirect hop leaves the tab blank.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.fsutil import atomic_write, ensure_private_dir
from clawkeep.tools._browser_launch import Running
from clawkeep.tools._browser_network import BrowserNetwork, decide_url
from clawkeep.tools._browser_profile import check_navigation
from clawkeep.tools.base import ToolResult, refuse

if TYPE_CHECKING:
    from playwright.async_api import Page

__all__ = ["ACTIONS", "Session", "page_host"]

_ACTION_TIMEOUT_MS = 15_000
_PLAIN_HOST = re.compile(r"[a-z0-9.-]{1,253}|[0-9a-f:.]{2,45}")


@dataclass(frozen=True)
class Session:
    """What one action works on: the running browser, the host's settings, and how to
    stop the browser (closing the last tab does)."""

    running: Running
    config: RootConfig
    paths: InstallPaths
    network: BrowserNetwork
    stop: Callable[[], Awaitable[None]]


async def _page(running: Running) -> Page:
    pages = running.context.pages
    if not pages:
        return await running.context.new_page()
    running.current = min(running.current, len(pages) - 1)
    return pages[running.current]


async def open_url(s: Session, params: Mapping[str, Any]) -> ToolResult:
    running = s.running
    url = str(params["url"])
    nav = check_navigation(url)
    if isinstance(nav, Deny):
        return refuse(nav.reason, nav.detail)
    denied = await decide_url(s.network, url)
    if denied is not None:
        return refuse(denied.reason, denied.detail)  # refused before Chromium is asked
    from playwright.async_api import Error as PlaywrightError

    page = await _page(running)
    before = (len(running.refused), len(running.proxy.refused))
    try:
        response = await page.goto(url, wait_until="load", timeout=_ACTION_TIMEOUT_MS)
    except PlaywrightError:
        if before == (len(running.refused), len(running.proxy.refused)):
            raise
        response = None  # a redirect hop the proxy or the route check refused
    refused_now = response is None and before != (
        len(running.refused),
        len(running.proxy.refused),
    )
    if refused_now or (response is not None and response.headers.get("x-clawkeep-reason")):
        await page.goto("about:blank")
        return refuse("browser.navigation_refused", f"{page_host(url)}: a hop was refused")
    status = response.status if response is not None else 0
    return await _read(page, int(params.get("max_chars", 20_000)), status)


async def snapshot(s: Session, params: Mapping[str, Any]) -> ToolResult:
    page = await _page(s.running)
    return await _read(page, int(params.get("max_chars", 20_000)), None)


async def _read(page: Page, limit: int, status: int | None) -> ToolResult:
    """The page as the model reads it: URL, title and the accessibility tree, bounded."""
    tree = await page.locator("body").aria_snapshot(mode="ai", timeout=_ACTION_TIMEOUT_MS)
    code = "" if status is None else f" (HTTP {status})"
    head = f"{page.url}{code} {(await page.title())[:200]!r}\n"
    if len(tree) > limit:
        tree = tree[:limit] + f"\n[snapshot cut at {limit} characters]"
    return _page_text(head + tree)


async def click(s: Session, params: Mapping[str, Any]) -> ToolResult:
    page = await _page(s.running)
    await page.locator(_selector(str(params["target"]))).first.click(timeout=_ACTION_TIMEOUT_MS)
    with contextlib.suppress(Exception):
        await page.wait_for_load_state("load", timeout=5_000)
    return _done(f"clicked {page_host(page.url)}; snapshot reads the page")


async def type_text(s: Session, params: Mapping[str, Any]) -> ToolResult:
    page = await _page(s.running)
    field_ = page.locator(_selector(str(params["target"]))).first
    await field_.fill(str(params["text"]), timeout=_ACTION_TIMEOUT_MS)
    if params.get("submit"):
        await field_.press("Enter", timeout=_ACTION_TIMEOUT_MS)
        with contextlib.suppress(Exception):
            await page.wait_for_load_state("load", timeout=5_000)
    return _done(f"typed on {page_host(page.url)}; snapshot reads the page")


async def screenshot(s: Session, params: Mapping[str, Any]) -> ToolResult:
    page = await _page(s.running)
    data = await page.screenshot(timeout=_ACTION_TIMEOUT_MS)
    shots = ensure_private_dir(s.paths.state_dir / "browser" / "screenshots")
    path = shots / f"{s.running.profile}-{time.time_ns()}.png"
    atomic_write(path, data)
    return ToolResult(True, f"screenshot of {page.url} saved: {path} ({len(data)} bytes)")


async def back(s: Session, params: Mapping[str, Any]) -> ToolResult:
    page = await _page(s.running)
    await page.go_back(timeout=_ACTION_TIMEOUT_MS)
    return _done(f"went back to {page_host(page.url)}; snapshot reads the page")


async def tabs(s: Session, params: Mapping[str, Any]) -> ToolResult:
    running = s.running
    pages = running.context.pages
    tab = params.get("tab")
    if tab is not None:
        if not 0 <= int(tab) < len(pages):
            return refuse("browser.no_such_tab", f"tab {tab} does not exist")
        running.current = int(tab)
    lines = [
        f"tab {i}{' (current)' if i == running.current else ''}: {page_host(p.url)}"
        for i, p in enumerate(pages)
    ]
    return _done("\n".join(lines) or "no tabs")


async def close_tab(s: Session, params: Mapping[str, Any]) -> ToolResult:
    running = s.running
    pages = running.context.pages
    tab = params.get("tab")
    index = running.current if tab is None else int(tab)
    if not 0 <= index < len(pages):
        return refuse("browser.no_such_tab", f"tab {index} does not exist")
    await pages[index].close()
    if len(running.context.pages) == 0:
        await s.stop()
        return ToolResult(True, "closed the last tab; the browser stopped")
    running.current = 0
    return ToolResult(True, f"closed tab {index}")


async def evaluate(s: Session, params: Mapping[str, Any]) -> ToolResult:
    if not s.config.browser.evaluate_enabled:
        # Checked here as well as in the tool: raw JavaScript needs the explicit opt-in.
        return refuse("browser.evaluate_disabled", "browser.evaluateEnabled is false")
    page = await _page(s.running)
    value = await page.evaluate(str(params["expression"]))
    return _page_text(repr(value)[:20_000])


def _selector(target: str) -> str:
    """A snapshot ref (``e12``) or a Playwright selector."""
    return f"aria-ref={target}" if target[:1] == "e" and target[1:].isdigit() else target


def page_host(url: str) -> str:
    """Only the host of a page URL, in a plain spelling: a path could carry instructions."""
    if url == "about:blank":
        return url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return host if _PLAIN_HOST.fullmatch(host) else "a page"


def _done(text: str) -> ToolResult:
    # Trusted: clawkeep's own words and a plain host name, nothing the page wrote.
    return ToolResult(True, text)


def _page_text(text: str) -> ToolResult:
    # Whatever the page says is outside content: wrapped, screened by the content guard.
    return ToolResult(True, text, untrusted=True, source="browser")


_Action = Callable[[Session, Mapping[str, Any]], Coroutine[Any, Any, ToolResult]]
ACTIONS: Mapping[str, _Action] = {
    "open": open_url,
    "snapshot": snapshot,
    "click": click,
    "type": type_text,
    "screenshot": screenshot,
    "back": back,
    "tabs": tabs,
    "close": close_tab,
    "evaluate": evaluate,
}
