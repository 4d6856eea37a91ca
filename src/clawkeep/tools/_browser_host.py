"""The managed Chromium behind the browser tool: started on first use, contained by the
network guard's egress proxy, driven over a CDP pipe (no DevTools port at all).

Containment, in layers: Chromium resolves no name (``--host-resolver-rules``) and sends
every request (navigation, redirect, subresource, fetch, WebSocket) to the egress proxy,
which checks the destination with the network guard and connects only to the address it
checked (DNS rebinding and redirects to private addresses are refused at connect time).
Playwright's request routing is a second check on every request's URL. Navigation to
anything but http(s) is refused; a tab that ends up elsewhere is closed.

The host runs Playwright on its own thread and event loop, so gateway turns on any loop
can use it and a slow page never blocks the gateway's loop. It decides when Chromium
starts and stops, that one action runs at a time, and what the model hears of the
requests refused during an action; the rest lives beside it: what the browser may reach
(``_browser_network``), how Chromium starts (``_browser_launch``), what each action does
(``_browser_actions``).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import threading
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Deny
from clawkeep.tools._browser_actions import ACTIONS, Session, page_host
from clawkeep.tools._browser_launch import Running, launch, stop
from clawkeep.tools._browser_network import BrowserNetwork, browser_network
from clawkeep.tools._browser_profile import check_navigation, profile_name
from clawkeep.tools.base import ToolResult, refuse

__all__ = ["BrowserHost", "BrowserNetwork", "browser_network"]

T = TypeVar("T")
_CALL_TIMEOUT_S = 60.0


class BrowserHost:
    """One managed Chromium per gateway; nothing starts until the first browser call."""

    def __init__(
        self, config: RootConfig, paths: InstallPaths, network: BrowserNetwork | None = None
    ) -> None:
        self.config, self.paths = config, paths
        self.network = network or browser_network(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._serial: asyncio.Lock | None = None
        self._running: Running | None = None
        self._mutex = threading.Lock()
        self.started = 0  # how many times a Chromium was launched (tests, bench)
        self.jailed = False  # whether the last launch ran inside the bubblewrap sandbox

    # -- the thread and its loop ------------------------------------------------------

    def _worker(self) -> asyncio.AbstractEventLoop:
        with self._mutex:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                self._thread = threading.Thread(target=loop.run_forever, daemon=True)
                self._thread.start()
                self._loop = loop
                atexit.register(self.close)
            return self._loop

    async def _on_worker(self, coro: Coroutine[Any, Any, T], timeout: float) -> T:
        fut = asyncio.run_coroutine_threadsafe(coro, self._worker())
        return await asyncio.wait_for(asyncio.wrap_future(fut), timeout)

    async def act(
        self,
        action: str,
        params: Mapping[str, Any],
        on_refused: Callable[[str, str], None] | None = None,
    ) -> ToolResult:
        """Run one browser action; a failure is a refusal the model reads, never a raise.
        ``on_refused(reason, host)`` hears each request the proxy or the route check refused
        during the action (the tool records them as events)."""
        try:
            return await self._on_worker(self._act(action, params, on_refused), _CALL_TIMEOUT_S)
        except TimeoutError:
            return refuse("browser.timeout", f"{action} did not finish in {_CALL_TIMEOUT_S:.0f}s")
        except OSError as exc:
            # The browser's pipe broke, its process is gone, or its profile dir cannot be
            # written: the model hears a refusal (no path, no traceback), the turn goes on.
            why = f"{type(exc).__name__}: {exc.strerror}" if exc.strerror else type(exc).__name__
            return refuse(
                "browser.os_error",
                f"{action} failed, the browser could not be started or reached ({why}); "
                "the operator can check the browser profile dir and Chromium",
            )

    def close(self) -> None:
        """Stop Chromium, the proxy and the worker loop (idempotent)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if self._running is not None:
            fut = asyncio.run_coroutine_threadsafe(self._stop(), loop)
            with contextlib.suppress(Exception):
                fut.result(timeout=20)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        if not loop.is_running():
            loop.close()
        self._loop, self._serial = None, None

    # -- lifecycle (on the worker loop) --------------------------------------------------

    async def _start(self, requested: str | None) -> Running | ToolResult:
        name = profile_name(self.config, requested)
        if isinstance(name, Deny):
            return refuse(name.reason, name.detail)
        if self._running is not None:
            if self._running.profile == name and not self._running.gone:
                return self._running
            # Another profile, or Chromium died (killed, crashed): free what it held first.
            await self._stop()
        running = await launch(self.config, self.paths, self.network, name)
        if isinstance(running, ToolResult):
            return running
        self._running = running
        self.started += 1
        self.jailed = running.jailed
        return running

    async def _stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            await stop(running)

    # -- actions ------------------------------------------------------------------------

    async def _act(
        self,
        action: str,
        params: Mapping[str, Any],
        on_refused: Callable[[str, str], None] | None,
    ) -> ToolResult:
        if self._serial is None:
            self._serial = asyncio.Lock()  # made on the worker loop, which it then serves
        async with self._serial:  # one action at a time: turns share one browser
            return await self._act_now(action, params, on_refused)

    async def _act_now(
        self,
        action: str,
        params: Mapping[str, Any],
        on_refused: Callable[[str, str], None] | None,
    ) -> ToolResult:
        if action == "close" and (self._running is None or self._running.gone):
            await self._stop()  # a dead one still holds its lock, proxy and socket dir
            return ToolResult(True, "the browser is not running")
        started = await self._start(params.get("profile"))
        if isinstance(started, ToolResult):
            return started
        from playwright.async_api import Error as PlaywrightError

        before = (len(started.refused), len(started.proxy.refused))
        session = Session(started, self.config, self.paths, self.network, self._stop)
        try:
            result = await ACTIONS[action](session, params)
        except PlaywrightError as exc:
            first = (str(exc).strip().splitlines() or [""])[0][:300]
            result = refuse("browser.action_failed", f"{action}: {first}")
        if self._running is not None:
            await _contain(started)
        return _with_refusals(result, _refusals(started, before), on_refused)


async def _contain(running: Running) -> None:
    """A tab that reached a non-web scheme (a link, a popup) is closed."""
    for page in list(running.context.pages):
        if isinstance(check_navigation(page.url), Deny):
            running.refused.append(("browser.scheme_refused", page.url[:200]))
            with contextlib.suppress(Exception):
                await page.close()


def _refusals(running: Running, before: tuple[int, int]) -> list[tuple[str, str]]:
    """(reason, host) of each request refused since ``before``, by the route or the proxy."""
    by_route = [(reason, page_host(url)) for reason, url in running.refused[before[0] :]]
    by_proxy = [(d.reason, "") for d in running.proxy.refused[before[1] :]]
    return by_route + by_proxy


def _with_refusals(
    result: ToolResult,
    refused: list[tuple[str, str]],
    on_refused: Callable[[str, str], None] | None,
) -> ToolResult:
    if not refused:
        return result
    for reason, host in refused:
        if on_refused is not None:
            on_refused(reason, host)
    shown = [f"{reason} ({host})" if host else reason for reason, host in refused[:20]]
    note = f"\n[clawkeep refused {len(refused)} request(s): {', '.join(shown)}]"
    return replace(result, text=result.text + note)
