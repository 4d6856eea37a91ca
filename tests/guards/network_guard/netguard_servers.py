"""Real loopback listeners for the network-guard tests: a trap that counts connections
and a small HTTP server whose routes record what reached them."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["HttpServer", "Trap", "http_server", "trap"]


@dataclass
class Trap:
    """A TCP listener that only records who connected and the first bytes they sent."""

    host: str
    port: int
    connections: int = 0
    received: list[bytes] = field(default_factory=list)


@contextmanager
def trap(host: str = "127.0.0.1", port: int = 0) -> Iterator[Trap]:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(16)
    sock.settimeout(0.05)
    state = Trap(host, sock.getsockname()[1])
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            state.connections += 1
            with conn:
                conn.settimeout(0.5)
                try:
                    state.received.append(conn.recv(4096))
                except OSError:
                    state.received.append(b"")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stop.set()
        thread.join()
        sock.close()


Route = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class HttpServer:
    host: str
    port: int
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"


@contextmanager
def http_server(
    routes: dict[str, Route], host: str = "127.0.0.1", port: int = 0
) -> Iterator[HttpServer]:
    state = HttpServer(host, 0)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = routes.get(self.path.split("?")[0])
            if route is None:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
                return
            route(self)

        def do_POST(self) -> None:
            self.do_GET()

        def do_HEAD(self) -> None:
            self.do_GET()

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
