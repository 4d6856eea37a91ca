"""Which TCP connections the gateway serves, and for how long they may take to say what
they want: the bounds uvicorn's httptools protocol lacks.

- At most ``max_total`` open connections, ``max_per_client`` from one address; the last
  ``reserved_for_owner`` slots only for the owner's own processes on this machine (same
  uid, see peer_uid), so a flood of strangers cannot keep the owner's CLI out.
- A request's head (request line and headers) must arrive within ``header_timeout_s``
  and be at most ``max_header_bytes``: slow-header (slowloris) connections are closed
  with 408 and huge headers refused with 431 before they are buffered.

Refusals are written as a minimal HTTP response and the connection is closed; a
refused connection never reaches the app.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from clawkeep.gateway.peer_uid import is_same_user_peer

__all__ = ["ConnectionGuard", "ConnectionLimits", "guarded_protocols"]

PeerCheck = Callable[[object, object], bool]


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """Bounds on connections and request heads (defaults fit one personal gateway)."""

    max_total: int = 512
    max_per_client: int = 64
    reserved_for_owner: int = 16
    header_timeout_s: float = 10.0
    max_header_bytes: int = 64 * 1024


def _response(status: bytes) -> bytes:
    return b"HTTP/1.1 " + status + b"\r\nconnection: close\r\ncontent-length: 0\r\n\r\n"


_REFUSED = _response(b"503 Service Unavailable")
_TIMEOUT = _response(b"408 Request Timeout")
_TOO_LARGE = _response(b"431 Request Header Fields Too Large")


class ConnectionGuard:
    """Counts open connections per client address; admits or refuses each new one."""

    def __init__(
        self, limits: ConnectionLimits, *, owner_check: PeerCheck = is_same_user_peer
    ) -> None:
        self.limits = limits
        self._owner_check = owner_check
        self._open: dict[int, str] = {}  # id(transport) -> client address
        self._per_client: dict[str, int] = {}
        self.refused = 0

    @property
    def open_connections(self) -> int:
        return len(self._open)

    def admit(self, transport: asyncio.BaseTransport) -> bool:
        """Take a slot for ``transport``; False (and nothing taken) when it is refused."""
        peer = transport.get_extra_info("peername")
        host = str(peer[0]) if isinstance(peer, (tuple, list)) and peer else "unknown"
        limits = self.limits
        total, mine = len(self._open), self._per_client.get(host, 0)
        crowded = total >= limits.max_total - limits.reserved_for_owner
        if (crowded or mine >= limits.max_per_client) and not self._is_owner(transport, peer):
            # Strangers get no slot past their share or into the owner's reserve.
            self.refused += 1
            return False
        if total >= limits.max_total:
            self.refused += 1
            return False  # even the owner: the hard cap bounds memory
        self._open[id(transport)] = host
        self._per_client[host] = mine + 1
        return True

    def release(self, transport: asyncio.BaseTransport) -> None:
        """Give back ``transport``'s slot (idempotent)."""
        host = self._open.pop(id(transport), None)
        if host is None:
            return
        left = self._per_client.get(host, 1) - 1
        if left > 0:
            self._per_client[host] = left
        else:
            self._per_client.pop(host, None)

    def _is_owner(self, transport: asyncio.BaseTransport, peer: Any) -> bool:
        return self._owner_check(peer, transport.get_extra_info("sockname"))


def guarded_protocols(guard: ConnectionGuard) -> tuple[type[asyncio.Protocol], type[Any]]:
    """The HTTP and WebSocket protocol classes for uvicorn, bound to ``guard``."""
    limits = guard.limits

    class GuardedHttp(HttpToolsProtocol):
        _admitted = False
        _in_head = True
        _head_bytes = 0
        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            if not guard.admit(transport):
                transport.write(_REFUSED)
                transport.close()
                return
            self._admitted = True
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if not self._admitted:
                return
            self._disarm()
            guard.release(self.transport)
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if not self._admitted:
                return
            if self._in_head:
                self._head_bytes += len(data)
            super().data_received(data)
            if self._in_head and self._head_bytes > limits.max_header_bytes:
                # Refused before more of it is buffered: huge headers cost no memory.
                self._refuse(_TOO_LARGE)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._head_timer is None:
                self._arm()

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._disarm()
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head, self._head_bytes = True, 0  # the next request's head

        def _arm(self) -> None:
            self._head_timer = self.loop.call_later(limits.header_timeout_s, self._head_late)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_late(self) -> None:
            self._head_timer = None
            if self._in_head:
                self._refuse(_TIMEOUT)  # slow headers hold no slot for long

        def _refuse(self, response: bytes) -> None:
            self._disarm()
            if not self.transport.is_closing():
                self.transport.write(response)
                self.transport.close()

    class GuardedWebSocket(WebSocketsSansIOProtocol):
        def connection_lost(self, exc: Exception | None) -> None:
            guard.release(self.transport)  # the slot taken by the HTTP upgrade request
            super().connection_lost(exc)

    return GuardedHttp, GuardedWebSocket
