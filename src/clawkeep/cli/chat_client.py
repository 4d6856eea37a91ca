"""A small synchronous client of the gateway's WebSocket protocol (chat CLI, probes, bench).

It authenticates with the first frame (never a URL parameter) and matches responses to
requests by id, setting aside event frames for whoever asks for them.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections import deque
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

__all__ = ["GatewayClient", "GatewayClientError"]


class GatewayClientError(Exception):
    """The gateway refused (``code`` is its reason code) or the connection failed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class GatewayClient:
    """One authenticated connection to `/ws`."""

    def __init__(self, url: str, credential: str | None, *, timeout_s: float = 30.0) -> None:
        self._timeout = timeout_s
        self._ids = itertools.count(1)
        self.events: deque[dict[str, Any]] = deque(maxlen=1000)
        self._stack = contextlib.ExitStack()
        try:
            self._conn: ClientConnection = self._stack.enter_context(
                connect(url, open_timeout=timeout_s, max_size=2**22, compression=None)
            )
        except (OSError, TimeoutError) as exc:
            raise GatewayClientError("gateway.unreachable", str(exc)) from None
        except Exception as exc:  # the handshake was refused (HTTP status, bad origin...)
            raise GatewayClientError("gateway.handshake_refused", str(exc)) from None
        if credential is not None:
            self._send({"type": "auth", "token": credential})
        self.hello = self._receive()
        if self.hello.get("type") != "hello":
            error = self.hello.get("error") or {}
            self.close()
            raise GatewayClientError(
                str(error.get("code", "gateway.auth.failed")), str(error.get("message", ""))
            )

    def _send(self, frame: dict[str, Any]) -> None:
        self._conn.send(json.dumps(frame))

    def _receive(self) -> dict[str, Any]:
        try:
            raw = self._conn.recv(timeout=self._timeout)
        except ConnectionClosed as exc:
            raise GatewayClientError("gateway.closed", str(exc)) from None
        frame = json.loads(raw)
        if not isinstance(frame, dict):
            raise GatewayClientError("protocol.bad_frame", "the gateway sent a non-object frame")
        return frame

    def send_raw(self, text: str | bytes) -> None:
        """Send a frame as is (tests of the server's handling of bad frames)."""
        self._conn.send(text)

    def receive(self) -> dict[str, Any]:
        """The next frame, whatever it is."""
        return self._receive()

    def request(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one request and wait for its response frame (events are queued aside)."""
        request_id = next(self._ids)
        self._send({"type": "req", "id": request_id, "method": method, "params": params or {}})
        while True:
            frame = self._receive()
            if frame.get("type") == "event":
                self.events.append(frame)
            elif frame.get("id") == request_id:
                return frame

    def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Like ``request`` but returns the result, raising GatewayClientError on an error."""
        frame = self.request(method, params)
        if not frame.get("ok"):
            error = frame.get("error") or {}
            raise GatewayClientError(str(error.get("code")), str(error.get("message")))
        return frame.get("result")

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> GatewayClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
