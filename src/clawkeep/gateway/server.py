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
import errno
import ipaddress
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from clawkeep.gateway.connguard import ConnectionGuard, ConnectionLimits, guarded_protocols
from clawkeep.gateway.procnet import connections_on_port, listening_addresses

__all__ = ["WS_HARD_LIMIT_BYTES", "BindFailure", "bind_or_wait", "bind_sockets", "serve"]

# Twice the protocol's own frame limit (64 KiB, an error frame): beyond it, close with 1009.
# The transport buffers a whole frame before the auth check sees it, so this bounds what
# an unauthenticated connection can pin (512 connections x 128 KiB, not x 1 MiB).
WS_HARD_LIMIT_BYTES = 128 * 1024


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


def bind_sockets(hosts: Sequence[str], port: int, attempts: int = 16) -> list[socket.socket]:
    """Bind every host on one port (port 0: the first host's ephemeral port for all).

    The first host must bind; a later IPv6 host is skipped when the machine has no IPv6.
    With port 0, the port the kernel chose for the first host can be in use on a later one
    (another program's connection on ::1 holds it): then a fresh port is tried.
    """
    for attempt in range(attempts):
        try:
            return _bind_all(hosts, port)
        except OSError as exc:
            if port != 0 or exc.errno != errno.EADDRINUSE or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _bind_all(hosts: Sequence[str], port: int) -> list[socket.socket]:
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


@dataclass(frozen=True, slots=True)
class BindFailure:
    """The port could not be bound: the sentence for the user, and whether it is taken."""

    message: str
    taken: bool


def bind_or_wait(
    hosts: Sequence[str],
    port: int,
    *,
    wait_s: float = 65.0,
    echo: Callable[[str], None] = lambda _line: None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[socket.socket] | BindFailure:
    """Bind, waiting out connections that hold the port without listening on it.

    A port in the ephemeral range (see /proc/sys/net/ipv4/ip_local_port_range) is also
    handed to outgoing connections; one that closed first stays in TIME_WAIT for 60 s and
    blocks a listener even with SO_REUSEADDR. Such a holder goes away by itself, so the
    gateway waits for it; a program listening on the port does not, so that is refused.
    """
    waited, told = 0.0, False
    while True:
        try:
            return bind_sockets(hosts, port)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                return BindFailure(f"cannot listen on port {port}: {exc.strerror}", False)
        listeners = listening_addresses(port)
        if listeners or waited >= wait_s or connections_on_port(port) == 0:
            where = ", ".join(listeners or []) or "an address of this machine"
            return BindFailure(
                f"port {port} is already in use ({where} listens on it). Hint: stop the "
                "other program (`ss -ltnp 'sport = :"
                f"{port}'` names it) or choose another port with --port or gateway.port"
                f"{_ephemeral_hint(port)}.",
                True,
            )
        if not told:
            echo(
                f"clawkeep: port {port} is held by closing connections (TIME_WAIT); "
                f"waiting up to {wait_s:.0f}s for it{_ephemeral_hint(port)}"
            )
            told = True
        sleep(0.5)
        waited += 0.5


def _ephemeral_hint(port: int) -> str:
    try:
        low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    except (OSError, ValueError):
        return ""
    if low <= port <= high:
        return (
            f" (port {port} is in the range {low}-{high} the system gives outgoing "
            f"connections; a port below {low} is never taken by one)"
        )
    return ""


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
