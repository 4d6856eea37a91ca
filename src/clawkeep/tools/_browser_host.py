"""The managed Chromium behind the browser tool: started on first use, contained by the
network guard's egress proxy, driven over a CDP pipe (no DevTools port at all).

Containment, in layers: Chromium resolves no name (``--host-resolver-rules``) and sends
every request (navigation, redirect, subresource, fetch, WebSocket) to the egress proxy,
which checks the destination with the network guard and connects only to the address it
checked (DNS rebinding and redirects to private addresses are refused at connect time).
Playwright's request routing is a second check on every request's URL. Navigation to
anything but http(s) is refused; a tab that ends up elsewhere is closed.

The host runs Playwright on its own thread and event loop, so gateway turns on any loop
can use it and a slow page never blocks the gateway's loop.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow, Deny
from clawkeep.fsutil import atomic_write, ensure_private_dir
from clawkeep.guards.network_guard import (
    NetworkPolicy,
    check_url,
    default_resolver,
    policy_from_config,
)
from clawkeep.sandbox.bwrap import bwrap_available
from clawkeep.sandbox.egress import EgressProxy
from clawkeep.sandbox.spec import SandboxSpec
from clawkeep.tools._browser_jail import write_launcher
from clawkeep.tools._browser_profile import (
    CHROMIUM,
    ProfileLock,
    check_navigation,
    chromium_args,
    profile_dir,
    profile_name,
    write_preferences,
)
from clawkeep.tools.base import ToolResult, refuse

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page, Playwright, Route, WebSocketRoute

__all__ = ["BrowserHost", "BrowserNetwork", "browser_network"]

T = TypeVar("T")
Resolver = Callable[[str], Sequence[str]]
_ACTION_TIMEOUT_MS = 15_000
_CALL_TIMEOUT_S = 60.0
_PROXY_HOST = "127.0.0.1"
_PLAIN_HOST = re.compile(r"[a-z0-9.-]{1,253}|[0-9a-f:.]{2,45}")


@dataclass(frozen=True)
class BrowserNetwork:
    """What the browser may reach: the network guard's policy, its domains, its ports."""

    policy: NetworkPolicy
    domains: tuple[str, ...]
    ports: tuple[int, ...] = (80, 443)
    resolver: Resolver | None = None


def browser_network(config: RootConfig) -> BrowserNetwork:
    """`guards.network`, loosened only by `browser.ssrfPolicy.dangerouslyAllowPrivateNetwork`;
    the domains are `browser.ssrfPolicy.allowedHostnames`, else `guards.network.allowDomains`
    (neither set: the browser reaches nothing, as exec's egress)."""
    base = policy_from_config(config.guards.network)
    ssrf = config.browser.ssrf_policy
    if ssrf.dangerously_allow_private_network:
        base = replace(base, allow_private_network=True)
    domains = ssrf.allowed_hostnames or config.guards.network.allow_domains or ()
    return BrowserNetwork(base, tuple(d.strip().lower().rstrip(".") for d in domains))


class _Bridge:
    """127.0.0.1:<port> -> the egress proxy's unix socket (Chromium speaks TCP to proxies)."""

    def __init__(self, target: Path) -> None:
        self._target = target
        self._sock = socket.socket()
        self._sock.bind((_PROXY_HOST, 0))
        self._sock.listen(64)
        self.port: int = self._sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = self._sock.accept()
                threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            with up:
                up.connect(str(self._target))
                t = threading.Thread(target=_pipe, args=(conn, up), daemon=True)
                t.start()
                _pipe(up, conn)
                t.join(timeout=5)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()


def _pipe(a: socket.socket, b: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := a.recv(65536):
            b.sendall(data)
    for s in (a, b):
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)


@dataclass
class _Running:
    playwright: Playwright
    context: BrowserContext
    proxy: EgressProxy
    bridge: _Bridge
    lock: ProfileLock
    sockdir: Path
    profile: str
    directory: Path
    jailed: bool
    current: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)


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
        self._running: _Running | None = None
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

    async def _start(self, requested: str | None) -> _Running | ToolResult:
        name = profile_name(self.config, requested)
        if isinstance(name, Deny):
            return refuse(name.reason, name.detail)
        if self._running is not None:
            if self._running.profile == name:
                return self._running
            await self._stop()
        profile_cfg = self.config.browser.profiles.get(name)
        if profile_cfg is not None and profile_cfg.user_data_dir:
            # The managed profile lives in the state dir; a personal Chrome dir is never used.
            return refuse(
                "browser.profile_outside_state",
                f"browser.profiles.{name}.userDataDir is set: clawkeep only uses its own "
                "profile dir in the state dir; remove userDataDir",
            )
        directory = profile_dir(self.paths, name)
        try:
            lock = ProfileLock(directory)
        except BlockingIOError:
            return refuse(  # a second gateway must not share a live profile
                "browser.profile_locked",
                f"profile {name!r} is in use by another clawkeep browser; stop that one first",
            )
        # Whatever fails from here on lets go of all it took: a lock left held would refuse
        # the profile ("in use") until the gateway restarts.
        async with contextlib.AsyncExitStack() as undo:
            undo.callback(lock.release)
            write_preferences(directory)
            sockdir = Path(tempfile.mkdtemp(prefix="clawkeep-browser-"))  # 0700
            undo.callback(shutil.rmtree, sockdir, ignore_errors=True)
            net = self.network
            spec = SandboxSpec(
                workspace=directory,
                egress_domains=net.domains,
                egress_ports=net.ports,
                network_policy=net.policy,
            )
            proxy = EgressProxy(spec, sockdir / "egress.sock", net.resolver or default_resolver)
            undo.callback(proxy.close)
            bridge = _Bridge(sockdir / "egress.sock")
            undo.callback(bridge.close)
            jailed = self.config.browser.headless and isinstance(bwrap_available(), Allow)
            plan = chromium_args(
                _PROXY_HOST, os.geteuid() == 0, self.config.browser.no_sandbox or jailed
            )
            executable = self.config.browser.executable_path or CHROMIUM
            if jailed:
                # The whole browser in the bubblewrap sandbox: only the profile is writable,
                # no state dir, and its network is the forwarder to the egress proxy only.
                executable = str(write_launcher(sockdir, directory, sockdir / "egress.sock"))
            from playwright.async_api import async_playwright

            pw = await async_playwright().start()
            undo.push_async_callback(pw.stop)
            try:
                context = await pw.chromium.launch_persistent_context(
                    str(directory),
                    executable_path=executable,
                    headless=self.config.browser.headless,
                    args=list(plan.args),
                    chromium_sandbox=plan.chromium_sandbox,
                    proxy={"server": f"http://{_PROXY_HOST}:{bridge.port}"},
                    accept_downloads=False,  # downloads off: nothing lands on the disk
                    service_workers="block",  # a service worker's requests would skip routing
                    env=_chromium_env(directory),
                    handle_sigint=False,
                    handle_sigterm=False,
                    handle_sighup=False,
                    timeout=30_000,
                )
            except Exception as exc:
                first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
                return refuse("browser.launch_failed", f"Chromium did not start: {first}")
            undo.push_async_callback(context.close)
            running = _Running(pw, context, proxy, bridge, lock, sockdir, name, directory, jailed)
            await context.route("**/*", lambda route: self._route(running, route))
            await context.route_web_socket("**/*", lambda ws: self._route_ws(running, ws))
            undo.pop_all()  # started: from now on _stop lets go of it all
        self._running = running
        self.started += 1
        self.jailed = jailed
        return running

    async def _stop(self) -> None:
        running, self._running = self._running, None
        if running is None:
            return
        with contextlib.suppress(Exception):
            await running.context.close()
        with contextlib.suppress(Exception):
            await running.playwright.stop()
        running.proxy.close()
        running.bridge.close()
        running.lock.release()
        shutil.rmtree(running.sockdir, ignore_errors=True)

    # -- the second check: every request's URL ------------------------------------------

    async def _decide(self, url: str) -> Deny | None:
        nav = check_navigation(url)
        if isinstance(nav, Deny):
            return nav
        net = self.network
        policy = replace(net.policy, allow_domains=net.domains)
        decision = await asyncio.to_thread(check_url, url, policy, net.resolver)
        return decision if isinstance(decision, Deny) else None

    async def _route(self, running: _Running, route: Route) -> None:
        url = route.request.url
        denied = await self._decide(url)
        if denied is not None:
            running.refused.append((denied.reason, url[:200]))
            await route.abort("blockedbyclient")
            return
        await route.continue_()

    async def _route_ws(self, running: _Running, ws: WebSocketRoute) -> None:
        url = ws.url.replace("ws://", "http://", 1).replace("wss://", "https://", 1)
        denied = await self._decide(url)
        if denied is not None:
            running.refused.append((denied.reason, ws.url[:200]))
            await ws.close(code=1008, reason="refused")
            return
        ws.connect_to_server()

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
        if action == "close" and self._running is None:
            return ToolResult(True, "the browser is not running")
        started = await self._start(params.get("profile"))
        if isinstance(started, ToolResult):
            return started
        from playwright.async_api import Error as PlaywrightError

        before = (len(started.refused), len(started.proxy.refused))
        try:
            result = await _ACTIONS[action](self, started, params)
        except PlaywrightError as exc:
            first = (str(exc).strip().splitlines() or [""])[0][:300]
            result = refuse("browser.action_failed", f"{action}: {first}")
        if self._running is not None:
            await self._contain(started)
        return _with_refusals(result, _refusals(started, before), on_refused)

    async def _page(self, running: _Running) -> Page:
        pages = running.context.pages
        if not pages:
            return await running.context.new_page()
        running.current = min(running.current, len(pages) - 1)
        return pages[running.current]

    async def _contain(self, running: _Running) -> None:
        """A tab that reached a non-web scheme (a link, a popup) is closed."""
        for page in list(running.context.pages):
            if isinstance(check_navigation(page.url), Deny):
                running.refused.append(("browser.scheme_refused", page.url[:200]))
                with contextlib.suppress(Exception):
                    await page.close()

    async def open(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        url = str(params["url"])
        nav = check_navigation(url)
        if isinstance(nav, Deny):
            return refuse(nav.reason, nav.detail)
        denied = await self._decide(url)
        if denied is not None:
            return refuse(denied.reason, denied.detail)  # refused before Chromium is asked
        from playwright.async_api import Error as PlaywrightError

        page = await self._page(running)
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
            return refuse("browser.navigation_refused", f"{_host(url)}: a hop was refused")
        status = response.status if response is not None else 0
        return await self._read(page, int(params.get("max_chars", 20_000)), status)

    async def snapshot(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        page = await self._page(running)
        return await self._read(page, int(params.get("max_chars", 20_000)), None)

    async def _read(self, page: Page, limit: int, status: int | None) -> ToolResult:
        """The page as the model reads it: URL, title and the accessibility tree, bounded."""
        tree = await page.locator("body").aria_snapshot(mode="ai", timeout=_ACTION_TIMEOUT_MS)
        code = "" if status is None else f" (HTTP {status})"
        head = f"{page.url}{code} {(await page.title())[:200]!r}\n"
        if len(tree) > limit:
            tree = tree[:limit] + f"\n[snapshot cut at {limit} characters]"
        return _page_text(head + tree)

    async def click(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        page = await self._page(running)
        await page.locator(_selector(str(params["target"]))).first.click(timeout=_ACTION_TIMEOUT_MS)
        with contextlib.suppress(Exception):
            await page.wait_for_load_state("load", timeout=5_000)
        return _done(f"clicked {_host(page.url)}; snapshot reads the page")

    async def type(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        page = await self._page(running)
        field_ = page.locator(_selector(str(params["target"]))).first
        await field_.fill(str(params["text"]), timeout=_ACTION_TIMEOUT_MS)
        if params.get("submit"):
            await field_.press("Enter", timeout=_ACTION_TIMEOUT_MS)
            with contextlib.suppress(Exception):
                await page.wait_for_load_state("load", timeout=5_000)
        return _done(f"typed on {_host(page.url)}; snapshot reads the page")

    async def screenshot(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        page = await self._page(running)
        data = await page.screenshot(timeout=_ACTION_TIMEOUT_MS)
        shots = ensure_private_dir(self.paths.state_dir / "browser" / "screenshots")
        path = shots / f"{running.profile}-{time.time_ns()}.png"
        atomic_write(path, data)
        return ToolResult(True, f"screenshot of {page.url} saved: {path} ({len(data)} bytes)")

    async def back(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        page = await self._page(running)
        await page.go_back(timeout=_ACTION_TIMEOUT_MS)
        return _done(f"went back to {_host(page.url)}; snapshot reads the page")

    async def tabs(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        pages = running.context.pages
        tab = params.get("tab")
        if tab is not None:
            if not 0 <= int(tab) < len(pages):
                return refuse("browser.no_such_tab", f"tab {tab} does not exist")
            running.current = int(tab)
        lines = [
            f"tab {i}{' (current)' if i == running.current else ''}: {_host(p.url)}"
            for i, p in enumerate(pages)
        ]
        return _done("\n".join(lines) or "no tabs")

    async def close_tab(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        pages = running.context.pages
        tab = params.get("tab")
        index = running.current if tab is None else int(tab)
        if not 0 <= index < len(pages):
            return refuse("browser.no_such_tab", f"tab {index} does not exist")
        await pages[index].close()
        if len(running.context.pages) == 0:
            await self._stop()
            return ToolResult(True, "closed the last tab; the browser stopped")
        running.current = 0
        return ToolResult(True, f"closed tab {index}")

    async def evaluate(self, running: _Running, params: Mapping[str, Any]) -> ToolResult:
        if not self.config.browser.evaluate_enabled:
            # Checked here as well as in the tool: raw JavaScript needs the explicit opt-in.
            return refuse("browser.evaluate_disabled", "browser.evaluateEnabled is false")
        page = await self._page(running)
        value = await page.evaluate(str(params["expression"]))
        return _page_text(repr(value)[:20_000])


def _selector(target: str) -> str:
    """A snapshot ref (``e12``) or a Playwright selector."""
    return f"aria-ref={target}" if target[:1] == "e" and target[1:].isdigit() else target


def _host(url: str) -> str:
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


def _refusals(running: _Running, before: tuple[int, int]) -> list[tuple[str, str]]:
    """(reason, host) of each request refused since ``before``, by the route or the proxy."""
    by_route = [(reason, _host(url)) for reason, url in running.refused[before[0] :]]
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


def _chromium_env(directory: Path) -> dict[str, str | float | bool]:
    """Chromium's whole environment: none of the gateway's variables (and so secrets)."""
    env: dict[str, str | float | bool] = {
        "HOME": str(directory),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(directory / ".config"),
        "XDG_CACHE_HOME": str(directory / ".cache"),
    }
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "XDG_RUNTIME_DIR"):
        if key in os.environ:  # a headed browser needs the display, nothing else
            env[key] = os.environ[key]
    return env


_Action = Callable[[BrowserHost, _Running, Mapping[str, Any]], Coroutine[Any, Any, ToolResult]]
_ACTIONS: Mapping[str, _Action] = {
    "open": BrowserHost.open,
    "snapshot": BrowserHost.snapshot,
    "click": BrowserHost.click,
    "type": BrowserHost.type,
    "screenshot": BrowserHost.screenshot,
    "back": BrowserHost.back,
    "tabs": BrowserHost.tabs,
    "close": BrowserHost.close_tab,
    "evaluate": BrowserHost.evaluate,
}
