"""Loopback witnesses for the network attacks.

``Trap``: a listening socket on the host that nobody accepts from; afterwards a
non-blocking ``accept`` says whether any connection ever completed its handshake (the
kernel queues it whether or not we accept), so "no connection arrived" needs no waiting.
``Site``: a real threaded HTTP server serving fixed routes, recording every request.
``connects``: Python's own audit events for ``socket.connect`` made by this process.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Site", "Trap", "connects", "serve", "trap"]

_CONNECTS: list[tuple[Any, ...]] = []
_RECORDING = threading.Event()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.connect" and _RECORDING.is_set():
        _CONNECTS.append(args[1] if isinstance(args[1], tuple) else (args[1],))


sys.addaudithook(_audit)  # audit hooks cannot be removed: it records only while asked to


@contextmanager
def connects() -> Iterator[list[tuple[Any, ...]]]:
    """The addresses this process connected to inside the block."""
    _CONNECTS.clear()
    _RECORDING.set()
    try:
        yield _CONNECTS
    finally:
        _RECORDING.clear()


@dataclass
class Trap:
    sock: socket.socket
    host: str
    port: int

    def arrived(self) -> int:
        """How many connections reached this listener (drained, without waiting)."""
        self.sock.setblocking(False)
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1


@contextmanager
def trap(host: str = "127.0.0.1", port: int = 0) -> Iterator[Trap]:
    """A listener on ``host:port`` (any free port by default); OSError if it cannot bind."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(64)
        yield Trap(sock, host, sock.getsockname()[1])
    finally:
        sock.close()


@dataclass
class Site:
    host: str
    port: int
    routes: dict[str, tuple[int, dict[str, str], bytes]]
    hits: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits.append(self.path)
            status, headers, body = site.routes.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def serve(
    routes: dict[str, tuple[int, dict[str, str], bytes]], host: str = "127.0.0.1"
) -> Iterator[Site]:
    """A real HTTP server on ``host`` in a thread, for the duration of the block."""
    site = Site(host, 0, routes)
    server = ThreadingHTTPServer((host, 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
