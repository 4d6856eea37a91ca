"""How the managed Chromium starts and stops on one profile, and what it runs with.

A start takes the profile lock, writes the managed preferences, starts the egress proxy
and its loopback bridge, and launches Chromium (inside the bubblewrap sandbox when it is
headless and bubblewrap works) with none of the gateway's environment, no downloads and
no service workers; every request and WebSocket then passes the route check. A start that
fails lets go of all it took; a stop lets go of all a start took.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow
from clawkeep.guards.network_guard import default_resolver
from clawkeep.sandbox.bwrap import bwrap_available
from clawkeep.sandbox.egress import EgressProxy
from clawkeep.sandbox.spec import SandboxSpec
from clawkeep.tools._browser_bridge import PROXY_HOST, Bridge
from clawkeep.tools._browser_jail import write_launcher
from clawkeep.tools._browser_network import BrowserNetwork, route_request, route_websocket
from clawkeep.tools._browser_profile import (
    CHROMIUM,
    ProfileLock,
    chromium_args,
    profile_dir,
    write_preferences,
)
from clawkeep.tools.base import ToolResult, refuse

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Playwright

__all__ = ["Running", "launch", "stop"]


@dataclass
class Running:
    """A started Chromium and everything its start took (freed by ``stop``)."""

    playwright: Playwright
    context: BrowserContext
    proxy: EgressProxy
    bridge: Bridge
    lock: ProfileLock
    sockdir: Path
    profile: str
    directory: Path
    jailed: bool
    current: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    gone: bool = False  # Chromium closed or died under us: the next action starts a new one


async def launch(
    config: RootConfig, paths: InstallPaths, net: BrowserNetwork, name: str
) -> Running | ToolResult:
    """Start Chromium on profile ``name``, or the refusal that says why it did not start."""
    profile_cfg = config.browser.profiles.get(name)
    if profile_cfg is not None and profile_cfg.user_data_dir:
        # The managed profile lives in the state dir; a personal Chrome dir is never used.
        return refuse(
            "browser.profile_outside_state",
            f"browser.profiles.{name}.userDataDir is set: clawkeep only uses its own "
            "profile dir in the state dir; remove userDataDir",
        )
    directory = profile_dir(paths, name)
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
        spec = SandboxSpec(
            workspace=directory,
            egress_domains=net.domains,
            egress_ports=net.ports,
            network_policy=net.policy,
        )
        proxy = EgressProxy(spec, sockdir / "egress.sock", net.resolver or default_resolver)
        undo.callback(proxy.close)
        bridge = Bridge(sockdir / "egress.sock")
        undo.callback(bridge.close)
        jailed = config.browser.headless and isinstance(bwrap_available(), Allow)
        plan = chromium_args(PROXY_HOST, os.geteuid() == 0, config.browser.no_sandbox or jailed)
        executable = config.browser.executable_path or CHROMIUM
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
                headless=config.browser.headless,
                args=list(plan.args),
                chromium_sandbox=plan.chromium_sandbox,
                proxy={"server": f"http://{PROXY_HOST}:{bridge.port}"},
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
        running = Running(pw, context, proxy, bridge, lock, sockdir, name, directory, jailed)
        context.on("close", lambda _context: setattr(running, "gone", True))
        # The second check: every request's URL and every WebSocket, refusals noted.
        await context.route("**/*", lambda r: route_request(net, running.refused, r))
        await context.route_web_socket("**/*", lambda ws: route_websocket(net, running.refused, ws))
        undo.pop_all()  # started: from now on stop() lets go of it all
    return running


async def stop(running: Running) -> None:
    """Close Chromium and free what its start took: proxy, bridge, lock, socket dir."""
    with contextlib.suppress(Exception):
        await running.context.close()
    with contextlib.suppress(Exception):
        await running.playwright.stop()
    running.proxy.close()
    running.bridge.close()
    running.lock.release()
    shutil.rmtree(running.sockdir, ignore_errors=True)


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
