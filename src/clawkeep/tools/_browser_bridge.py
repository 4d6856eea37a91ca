"""How Chromium reaches the egress proxy: a loopback TCP port forwarded to the proxy's
unix socket (Chromium speaks TCP to proxies). It decides nothing; the proxy does.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

from clawkeep.sandbox.egress import pipe_sockets

__all__ = ["PROXY_HOST", "Bridge"]

PROXY_HOST = "127.0.0.1"


class Bridge:
    """127.0.0.1:<port> -> the egress proxy's unix socket (Chromium speaks TCP to proxies)."""

    def __init__(self, target: Path) -> None:
        self._target = target
        self._sock = socket.socket()
        self._sock.bind((PROXY_HOST, 0))
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
                t = threading.Thread(target=pipe_sockets, args=(conn, up), daemon=True)
                t.start()
                pipe_sockets(up, conn)
                t.join(timeout=5)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
