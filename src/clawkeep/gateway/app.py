"""The gateway application: routes, the guarding middleware, and the process's lifespan.

`create_app` is the one place the gateway is assembled. Stages plug in through arguments:
the inbound handler and pairing store (`GatewayServices`), extra authenticated routes,
public routes that verify their own credential (signed webhooks), and background tasks
(channel pollers) that live and die with the server.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket

from clawkeep.gateway.accesslog import AccessLog
from clawkeep.gateway.core import GatewayCore, GatewayServices
from clawkeep.gateway.middleware import GatewayMiddleware
from clawkeep.gateway.settings import GatewaySettings
from clawkeep.gateway.ws import websocket_endpoint

__all__ = ["BackgroundTask", "create_app"]

BackgroundTask = Callable[[], Coroutine[Any, Any, None]]
HEALTH_PATH = "/health"


def create_app(
    settings: GatewaySettings,
    services: GatewayServices,
    *,
    access_log_path: Path | None = None,
    routes: Sequence[BaseRoute] = (),
    public_routes: Sequence[BaseRoute] = (),
    background: Sequence[BackgroundTask] = (),
    closers: Sequence[Callable[[], Awaitable[None]]] = (),
) -> Starlette:
    """Build the ASGI app. Every route needs the gateway credential except /health and
    ``public_routes`` (which must verify their own, e.g. a webhook signature)."""
    core = GatewayCore(settings, services, AccessLog(access_log_path, settings.log_level))

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"ok": True})  # says it is up, and nothing else

    async def api_status(_: Request) -> JSONResponse:
        return JSONResponse(core.status())

    async def ws(websocket: WebSocket) -> None:
        await websocket_endpoint(core, websocket)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(job()) for job in background]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await core.drain()
            for close in closers:  # after in-flight work: provider clients, stores
                await close()
            core.bus.close()
            core.access_log.close()

    public_paths = {HEALTH_PATH} | {
        r.path for r in public_routes if isinstance(r, Route | WebSocketRoute)
    }
    public_prefixes = tuple(r.path for r in public_routes if isinstance(r, Mount))
    app = Starlette(
        routes=[
            Route(HEALTH_PATH, health, methods=["GET"]),
            Route("/api/status", api_status, methods=["GET"]),
            WebSocketRoute("/ws", ws),
            *routes,
            *public_routes,
        ],
        lifespan=lifespan,
    )
    app.add_middleware(
        GatewayMiddleware,
        core=core,
        public_paths=frozenset(public_paths),
        public_prefixes=public_prefixes,
    )
    app.state.core = core
    return app
