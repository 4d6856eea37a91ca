"""A loopback Bot API: getMe, getUpdates and sendMessage with Telegram's real JSON shapes."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeBotApi", "fake_bot_api", "tg_message"]

TOKEN = "123456:test-token-not-real"
BOT = {"id": 999, "is_bot": True, "first_name": "Keep", "username": "keep_bot"}


@dataclass
class FakeBotApi:
    base_url: str
    token: str = TOKEN
    updates: list[Any] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    offsets: list[int | None] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, *updates: Any) -> None:
        with self.lock:
            self.updates.extend(updates)


def tg_message(
    update_id: int,
    sender: int,
    text: str,
    *,
    chat: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    msg: dict[str, Any] = {
        "message_id": update_id * 10,
        "from": {"id": sender, "is_bot": False, "first_name": "U", "username": f"u{sender}"},
        "chat": chat or {"id": sender, "type": "private", "first_name": "U"},
        "date": 1_700_000_000,
        "text": text,
    }
    if entities:
        msg["entities"] = entities
    return {"update_id": update_id, "message": msg}


def _handler(api: FakeBotApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: Any) -> None:
            raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length) or b"{}")
            prefix, _, method = self.path.rpartition("/")
            if prefix != f"/bot{api.token}":
                self._send(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                return
            if method == "getMe":
                self._send(200, {"ok": True, "result": BOT})
            elif method == "getUpdates":
                self._send(200, {"ok": True, "result": self._updates(payload)})
            elif method == "sendMessage":
                with api.lock:
                    api.sent.append(payload)
                    n = len(api.sent)
                result = {
                    "message_id": 10_000 + n,
                    "chat": {"id": payload["chat_id"], "type": "private"},
                    "date": 1_700_000_001,
                    "text": payload["text"],
                    "from": BOT,
                }
                self._send(200, {"ok": True, "result": result})
            else:
                self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})

        def _updates(self, payload: dict[str, Any]) -> list[Any]:
            offset = payload.get("offset")
            deadline = time.monotonic() + min(float(payload.get("timeout", 0)), 0.2)
            while True:
                with api.lock:
                    api.offsets.append(offset)
                    if offset is not None:  # confirmed updates are forgotten, as Telegram does
                        api.updates = [
                            u
                            for u in api.updates
                            if not isinstance(u, dict) or u.get("update_id", 0) >= offset
                        ]
                    out = list(api.updates)
                if out or time.monotonic() >= deadline:
                    return out
                time.sleep(0.02)

    return Handler


@contextmanager
def fake_bot_api() -> Iterator[FakeBotApi]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(FakeBotApi("")))
    api = FakeBotApi(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(api)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
