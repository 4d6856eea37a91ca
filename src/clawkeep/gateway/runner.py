"""`clawkeep gateway run`: load, refuse or start, generate a token if none, serve, exit 0.

Every refusal is a sentence with its reason code and a non-zero exit status; a token is
generated only when no auth is configured, and it is stored, never printed.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from starlette.routing import BaseRoute

from clawkeep.channels.readiness import channel_readiness
from clawkeep.config import InstallPaths, LoadedConfig, load_config
from clawkeep.config.statedir import ensure_state_dir
from clawkeep.decision import Deny
from clawkeep.gateway.app import BackgroundTask, create_app
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.discovery import SERVICE_TYPE, Announcer, plan_announcement
from clawkeep.gateway.logsetup import install_logging
from clawkeep.gateway.persist import TokenPersistError, persist_gateway_token
from clawkeep.gateway.preflight import Preflight, preflight
from clawkeep.gateway.server import BindFailure, bind_or_wait, serve
from clawkeep.gateway.statefile import clear_state, write_state
from clawkeep.gateway.summary import start_summary
from clawkeep.gateway.tokens import generate_token

__all__ = [
    "ACCESS_LOG",
    "EXIT_PORT_TAKEN",
    "EXIT_REFUSED",
    "EXIT_RESTART",
    "GatewayRefusedError",
    "GatewayWiring",
    "Restartable",
    "run_gateway",
    "start_plan",
]

ACCESS_LOG = "gateway-access.jsonl"
EXIT_REFUSED = 2
EXIT_RESTART = 75  # the control plane asked for a restart: the CLI starts again
EXIT_PORT_TAKEN = 3  # another program listens on the port
Echo = Callable[[str], None]


class Restartable(Protocol):
    """The control plane as the runner sees it: a stop event and whether to start again."""

    @property
    def stop(self) -> asyncio.Event: ...

    @property
    def restart_requested(self) -> bool: ...


@dataclass(frozen=True)
class GatewayWiring:
    """Everything one gateway process serves (built by ``clawkeep.compose``)."""

    services: GatewayServices
    routes: Sequence[BaseRoute] = ()
    public_routes: Sequence[BaseRoute] = ()
    background: Sequence[BackgroundTask] = ()
    closers: Sequence[Callable[[], Awaitable[None]]] = ()
    control: Restartable | None = None


WiringFactory = Callable[[LoadedConfig, Mapping[str, str]], GatewayWiring]


class GatewayRefusedError(Exception):
    """The gateway will not start; str is the sentence for the user."""


def _refusal(deny: Deny) -> GatewayRefusedError:
    return GatewayRefusedError(f"the gateway will not start: {deny.detail} ({deny.reason})")


def start_plan(
    paths: InstallPaths, env: Mapping[str, str], port: int | None, echo: Echo
) -> tuple[LoadedConfig, Preflight]:
    """Load strictly and decide; generates and stores a token when no auth is configured."""
    loaded = load_config(paths, strict=True, env=env)
    home = Path(env["HOME"]) if env.get("HOME") else None
    plan = preflight(loaded.config, port=port, home=home)
    if isinstance(plan, Deny):
        raise _refusal(plan)
    channels = channel_readiness(loaded.config)
    if channels.problems:  # a channel that could never receive must not look like it runs
        raise _refusal(channels.problems[0])
    for line in channels.summary:
        echo(f"channel {line}")
    if plan.generate_token:
        try:
            backup = persist_gateway_token(paths.config_path, generate_token())
        except TokenPersistError as exc:
            raise GatewayRefusedError(f"the gateway will not start: {exc}") from None
        echo(
            f"No gateway auth was configured: generated a token and stored it at "
            f"gateway.auth.token in {paths.config_path} (0600, readable only by you)."
        )
        if backup is not None:
            echo(f"The previous config was kept as {backup} (0600).")
        echo("`clawkeep chat` reads it from there; other clients: copy it from that key.")
        loaded = load_config(paths, strict=True, env=env)
        plan = preflight(loaded.config, port=port, home=home)
        if isinstance(plan, Deny):
            raise _refusal(plan)
        if plan.generate_token:
            raise GatewayRefusedError(
                "the gateway will not start: the stored token was not read back"
            )
    return loaded, plan


def run_gateway(
    paths: InstallPaths,
    env: Mapping[str, str],
    *,
    port: int | None,
    echo: Echo,
    wiring: WiringFactory,
) -> int:
    """Run in the foreground until SIGTERM/SIGINT; the exit status for the CLI."""
    try:
        loaded, plan = start_plan(paths, env, port, echo)
    except GatewayRefusedError as exc:
        echo(f"clawkeep: {exc}")
        return EXIT_REFUSED
    ensure_state_dir(paths)
    install_logging(loaded)  # before anything logs: every record passes the redactor
    settings = plan.settings
    # Bound first, before the gateway opens any connection of its own.
    sockets = bind_or_wait(settings.hosts, settings.port, echo=echo)
    if isinstance(sockets, BindFailure):
        echo(f"clawkeep: the gateway will not start: {sockets.message}")
        return EXIT_PORT_TAKEN if sockets.taken else 1
    try:
        parts = wiring(loaded, env)
        app = create_app(
            settings,
            parts.services,
            access_log_path=paths.logs_dir / ACCESS_LOG,
            routes=parts.routes,
            public_routes=parts.public_routes,
            background=parts.background,
            closers=parts.closers,
        )
    except BaseException:
        for sock in sockets:
            sock.close()
        raise

    announcers: list[Announcer] = []
    threads: list[threading.Thread] = []

    def announce(port: int) -> None:
        plan = plan_announcement(loaded.config, settings.hosts, port)
        if isinstance(plan, Deny):
            return  # off, or loopback only: nothing goes to the network
        try:
            announcers.append(Announcer(plan))
        except (OSError, RuntimeError, ValueError) as exc:  # zeroconf's errors derive from these
            echo(f"clawkeep: mDNS announcement failed: {exc}")
            return
        echo(f"clawkeep: announced on {', '.join(plan.addresses)} (mDNS {SERVICE_TYPE})")

    try:
        for line in start_summary(loaded.config, parts.services.audit):
            echo(line)
    except Exception as exc:  # a summary that fails must not stop the gateway
        echo(f"(start summary unavailable: {type(exc).__name__})")

    def ready(addresses: list[tuple[str, int]]) -> None:
        shown = ", ".join(
            f"http://[{h}]:{p}" if ":" in h else f"http://{h}:{p}" for h, p in addresses
        )
        echo(f"clawkeep gateway listening on {shown} (auth: {settings.auth.mode}; WS at /ws)")
        write_state(paths.state_dir, addresses)  # for `clawkeep status`
        if loaded.config.gateway.control_ui.enabled:
            echo("Control UI at / (a one-time sign-in link: clawkeep dashboard)")
        if addresses:
            # zeroconf's blocking calls must not run on the gateway's event loop.
            thread = threading.Thread(target=announce, args=(addresses[0][1],), daemon=True)
            threads.append(thread)
            thread.start()

    stop = parts.control.stop if parts.control is not None else None
    try:
        asyncio.run(serve(app, sockets, log_level=settings.log_level, on_ready=ready, stop=stop))
    finally:
        clear_state(paths.state_dir)
        for thread in threads:
            thread.join(timeout=10)
        for announcer in announcers:
            announcer.close()
    if parts.control is not None and parts.control.restart_requested:
        echo("clawkeep gateway stopped for a restart")
        return EXIT_RESTART
    echo("clawkeep gateway stopped")
    return 0
