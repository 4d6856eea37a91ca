"""Serving the app: our own listening sockets, uvicorn with proxy trust off, clean SIGTERM.

The sockets are bound here from the resolved settings, so the addresses listened on are
exactly the ones `gateway.bind` asked for. uvicorn never reads X-Forwarded-* itself (the
middleware resolves clients from `gateway.trustedProxies`), never compresses frames (no
decompression bombs), and on SIGTERM stops accepting, then waits for in-flight work.
Connections and request heads are bounded by connguard (slow or huge headers, floods).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
import socket
import threading
from collections.abc import Callable, Iterator, Sequence

import uvicorn
from starlette.types import ASGIApp

from clawkeep.gateway.connguard import ConnectionGuard, ConnectionLimits, guarded_protocols

__all__ = ["WS_HARD_LIMIT_BYTES", "bind_sockets", "serve"]

WS_HARD_LIMIT_BYTES = 1024 * 1024  # beyond the protocol's own frame limit: close with 1009


def _family(host: str) -> socket.AddressFamily:
    try:
        return socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        return socket.AF_INET


def _bind_one(host: str, port: int) -> socket.socket:
    family = _family(host)
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY on accepted sockets only when it is.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            # "::" must not silently also take IPv4: each address is listed on purpose.
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        sock.listen(1024)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


def bind_sockets(hosts: Sequence[str], port: int) -> list[socket.socket]:
    """Bind every host on one port (port 0: the first host's ephemeral port for all).

    The first host must bind; a later IPv6 host is skipped when the machine has no IPv6.
    """
    sockets: list[socket.socket] = []
    for index, host in enumerate(hosts):
        try:
            sock = _bind_one(host, port)
        except OSError:
            if index > 0 and _family(host) == socket.AF_INET6 and _ipv6_unavailable():
                continue  # no IPv6 on this machine: nothing can reach ::1 either
            for opened in sockets:
                opened.close()
            raise
        sockets.append(sock)
        if port == 0:
            port = sock.getsockname()[1]
    return sockets


def _ipv6_unavailable() -> bool:
    try:
        probe = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    except OSError:
        return True
    with contextlib.closing(probe):
        try:
            probe.bind(("::1", 0))
        except OSError:
            return True
    return False


def _config(app: ASGIApp, log_level: str, guard: ConnectionGuard) -> uvicorn.Config:
    http_protocol, ws_protocol = guarded_protocols(guard)
    return uvicorn.Config(
        app,
        http=http_protocol,  # httptools, with bounded header size, header time, connections
        ws=ws_protocol,  # websockets-sansio
        lifespan="on",
        proxy_headers=False,  # client IPs come from gateway.trustedProxies, not uvicorn
        forwarded_allow_ips=[],
        server_header=False,
        ws_max_size=WS_HARD_LIMIT_BYTES,
        ws_per_message_deflate=False,  # no compressed frames: no decompression bombs
        log_config=None,
        access_log=False,  # the gateway writes its own access log, without secrets
        log_level="warning" if log_level not in ("debug", "trace") else "debug",
        timeout_graceful_shutdown=30,
        # The connection guard refuses first; this bounds tasks should anything slip past.
        limit_concurrency=4 * guard.limits.max_total,
    )


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # uvicorn would re-raise SIGTERM after its graceful shutdown (exit -15); the gateway
        # handles the signal itself and exits 0 once nothing is in flight.
        yield


async def serve(
    app: ASGIApp,
    sockets: list[socket.socket],
    *,
    log_level: str = "info",
    on_ready: Callable[[list[tuple[str, int]]], None] | None = None,
    stop: asyncio.Event | None = None,
    limits: ConnectionLimits | None = None,
) -> None:
    """Serve until SIGTERM/SIGINT (main thread) or until ``stop`` is set."""
    stop = stop if stop is not None else asyncio.Event()
    guard = ConnectionGuard(limits or ConnectionLimits())
    server = _Server(_config(app, log_level, guard))
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, _on_signal, server, stop)
            handled.append(sig)
    try:
        task = asyncio.create_task(server.serve(sockets=sockets))
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started and on_ready is not None:
            on_ready([sock.getsockname()[:2] for sock in sockets])
        stopper = asyncio.create_task(stop.wait())
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        server.should_exit = True  # stop accepting, close connections, finish in-flight work
        stopper.cancel()
        await task
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)


def _on_signal(server: uvicorn.Server, stop: asyncio.Event) -> None:
    if stop.is_set():
        server.force_exit = True  # a second signal: stop waiting
    stop.set()
