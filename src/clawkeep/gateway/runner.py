"""`clawkeep gateway run`: load, refuse or start, generate a token if none, serve, exit 0.

Every refusal is a sentence with its reason code and a non-zero exit status; a token is
generated only when no auth is configured, and it is stored, never printed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping

from clawkeep.config import InstallPaths, LoadedConfig, load_config
from clawkeep.config.statedir import ensure_state_dir
from clawkeep.decision import Deny
from clawkeep.gateway.app import create_app
from clawkeep.gateway.logsetup import install_logging
from clawkeep.gateway.persist import TokenPersistError, persist_gateway_token
from clawkeep.gateway.preflight import Preflight, preflight
from clawkeep.gateway.server import BindFailure, bind_or_wait, serve
from clawkeep.gateway.tokens import generate_token
from clawkeep.gateway.wiring import GatewayWiring, build_wiring

__all__ = [
    "ACCESS_LOG",
    "EXIT_PORT_TAKEN",
    "EXIT_REFUSED",
    "EXIT_RESTART",
    "GatewayRefusedError",
    "run_gateway",
    "start_plan",
]

ACCESS_LOG = "gateway-access.jsonl"
EXIT_REFUSED = 2
EXIT_RESTART = 75  # the control plane asked for a restart: the CLI starts again
EXIT_PORT_TAKEN = 3  # another program listens on the port
Echo = Callable[[str], None]
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
    plan = preflight(loaded.config, port=port)
    if isinstance(plan, Deny):
        raise _refusal(plan)
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
        plan = preflight(loaded.config, port=port)
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
    wiring: WiringFactory | None = None,
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
        parts = (wiring or build_wiring)(loaded, env)
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

    def ready(addresses: list[tuple[str, int]]) -> None:
        shown = ", ".join(
            f"http://[{h}]:{p}" if ":" in h else f"http://{h}:{p}" for h, p in addresses
        )
        echo(f"clawkeep gateway listening on {shown} (auth: {settings.auth.mode}; WS at /ws)")

    stop = parts.control.stop if parts.control is not None else None
    asyncio.run(serve(app, sockets, log_level=settings.log_level, on_ready=ready, stop=stop))
    if parts.control is not None and parts.control.restart_requested:
        echo("clawkeep gateway stopped for a restart")
        return EXIT_RESTART
    echo("clawkeep gateway stopped")
    return 0
