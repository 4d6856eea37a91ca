"""Loopback fakes of the phone channels' far ends, speaking their real wire formats.

- ``fake_graph_api``: the WhatsApp Cloud API's messages endpoint and phone-number read
  (``POST /<ver>/<id>/messages``, ``GET /<ver>/<id>``), Bearer-token checked, with the
  API's JSON answers and error shapes.
- ``fake_signal_daemon``: signal-cli's HTTP daemon (``POST /api/v1/rpc`` JSON-RPC 2.0,
  ``GET /api/v1/events`` server-sent events). Like ``--receive-mode on-connection``,
  events pushed while no client is connected wait in a queue and are delivered when
  one connects; ``drop_clients()`` ends open streams as a daemon restart would.
- ``wa_event`` / ``signal_envelope``: payloads in the shapes the real services send.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "ACCESS_TOKEN",
    "BUSINESS_LID",
    "BUSINESS_NUMBER",
    "PHONE_ID",
    "SIGNAL_NUMBER",
    "FakeGraphApi",
    "FakeSignalDaemon",
    "fake_graph_api",
    "fake_signal_daemon",
    "signal_envelope",
    "wa_event",
]

ACCESS_TOKEN = "EAAG-test-access-token-not-real"
PHONE_ID = "106540352242922"
BUSINESS_NUMBER = "+15550001111"
BUSINESS_LID = "201234567890123"
SIGNAL_NUMBER = "+15550002222"


@dataclass
class FakeGraphApi:
    base_url: str = ""
    token: str = ACCESS_TOKEN
    sent: list[dict[str, Any]] = field(default_factory=list)
    auth_headers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, n: int, timeout: float = 30.0) -> list[dict[str, Any]]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if len(self.sent) >= n:
                    return list(self.sent)
            time.sleep(0.01)
        with self.lock:
            return list(self.sent)


@contextmanager
def fake_graph_api() -> Iterator[FakeGraphApi]:
    api = FakeGraphApi()

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

        def _authorised(self) -> bool:
            got = self.headers.get("Authorization", "")
            with api.lock:
                api.auth_headers.append(got)
            if got != f"Bearer {api.token}":
                self._send(
                    401,
                    {
                        "error": {
                            "message": "Invalid OAuth access token - Cannot parse access token",
                            "type": "OAuthException",
                            "code": 190,
                        }
                    },
                )
                return False
            return True

        def do_GET(self) -> None:
            if not self._authorised():
                return
            if self.path.rstrip("/").endswith(f"/{PHONE_ID}"):
                self._send(
                    200,
                    {
                        "verified_name": "Keep Test",
                        "display_phone_number": "+1 555-000-1111",
                        "id": PHONE_ID,
                    },
                )
            else:
                self._send(404, {"error": {"message": "Unknown path", "code": 803}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self._authorised():
                return
            if not self.path.endswith(f"/{PHONE_ID}/messages"):
                self._send(404, {"error": {"message": "Unknown path", "code": 803}})
                return
            with api.lock:
                api.sent.append(body)
                n = len(api.sent)
            self._send(
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": body.get("to"), "wa_id": body.get("to")}],
                    "messages": [{"id": f"wamid.out{n}"}],
                },
            )

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()


def wa_event(
    sender: str,
    text: str,
    msg_id: str,
    *,
    group: str | None = None,
    mentions: list[str] | None = None,
    reply_to_from: str | None = None,
    phone_number_id: str = PHONE_ID,
    msg_type: str = "text",
    timestamp: int | None = None,
) -> dict[str, Any]:
    """One Cloud API ``messages`` webhook event with one message (sent now by default)."""
    message: dict[str, Any] = {
        "from": sender.lstrip("+"),
        "id": msg_id,
        "timestamp": str(int(time.time()) if timestamp is None else timestamp),
        "type": msg_type,
    }
    if msg_type == "text":
        message["text"] = {"body": text}
    if group is not None:
        message["group_id"] = group
    if mentions is not None or reply_to_from is not None:
        ctx: dict[str, Any] = {"id": "wamid.prev"}
        if mentions is not None:
            ctx["mentions"] = mentions
        if reply_to_from is not None:
            ctx["from"] = reply_to_from
        message["context"] = ctx
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": BUSINESS_NUMBER.lstrip("+"),
                                "phone_number_id": phone_number_id,
                            },
                            "contacts": [
                                {"profile": {"name": "Alice"}, "wa_id": sender.lstrip("+")}
                            ],
                            "messages": [message],
                        },
                    }
                ],
            }
        ],
    }


@dataclass
class FakeSignalDaemon:
    base_url: str = ""
    rpc_calls: list[dict[str, Any]] = field(default_factory=list)
    pending: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)
    connections: int = 0
    connected: int = 0
    generation: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, *events: dict[str, Any]) -> None:
        for e in events:
            self.pending.put(e)

    def drop_clients(self) -> None:
        """End every open event stream (the daemon restarting)."""
        with self.lock:
            self.generation += 1

    def sends(self) -> list[dict[str, Any]]:
        with self.lock:
            return [c["params"] for c in self.rpc_calls if c.get("method") == "send"]

    def wait_sends(self, n: int, timeout: float = 30.0) -> list[dict[str, Any]]:
        end = time.monotonic() + timeout
        while time.monotonic() < end and len(self.sends()) < n:
            time.sleep(0.01)
        return self.sends()

    def wait_connected(self, timeout: float = 30.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if self.connected > 0:
                    return True
            time.sleep(0.01)
        return False


@contextmanager
def fake_signal_daemon() -> Iterator[FakeSignalDaemon]:
    daemon = FakeSignalDaemon()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            req = json.loads(self.rfile.read(length) or b"{}")
            with daemon.lock:
                daemon.rpc_calls.append(req)
            if req.get("method") == "send":
                result: Any = {"timestamp": 1733390000000 + len(daemon.rpc_calls), "results": []}
            elif req.get("method") == "version":
                result = {"version": "0.13.12"}
            else:
                body = {
                    "jsonrpc": "2.0",
                    "error": {"code": -32601, "message": "Method not implemented"},
                    "id": req.get("id"),
                }
                self._write(200, json.dumps(body).encode())
                return
            self._write(
                200, json.dumps({"jsonrpc": "2.0", "result": result, "id": req.get("id")}).encode()
            )

        def _write(self, status: int, raw: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self) -> None:
            if not self.path.startswith("/api/v1/events"):
                self._write(404, b"{}")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            with daemon.lock:
                daemon.connections += 1
                daemon.connected += 1
                generation = daemon.generation
            try:
                while True:
                    with daemon.lock:
                        if daemon.generation != generation:
                            return
                    try:
                        event = daemon.pending.get(timeout=0.05)
                    except queue.Empty:
                        self.wfile.write(b":\n\n")  # keep-alive comment, as servers send
                        self.wfile.flush()
                        continue
                    data = json.dumps(event)
                    self.wfile.write(f"event:receive\ndata:{data}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return
            finally:
                with daemon.lock:
                    daemon.connected -= 1

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    daemon.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield daemon
    finally:
        daemon.drop_clients()
        server.shutdown()
        server.server_close()


def signal_envelope(
    sender: str,
    text: str,
    ts: int,
    *,
    group: str | None = None,
    mentions: list[dict[str, Any]] | None = None,
    account: str = SIGNAL_NUMBER,
) -> dict[str, Any]:
    """A ``receive`` event as signal-cli's event stream sends it."""
    data: dict[str, Any] = {
        "timestamp": ts,
        "message": text,
        "expiresInSeconds": 0,
        "viewOnce": False,
    }
    if group is not None:
        data["groupInfo"] = {
            "groupId": group,
            "groupName": "Team",
            "revision": 3,
            "type": "DELIVER",
        }
    if mentions is not None:
        data["mentions"] = mentions
    return {
        "envelope": {
            "source": sender,
            "sourceNumber": sender,
            "sourceUuid": f"uuid-{sender.lstrip('+')}",
            "sourceName": "Alice",
            "sourceDevice": 1,
            "timestamp": ts,
            "serverReceivedTimestamp": ts + 10,
            "serverDeliveredTimestamp": ts + 20,
            "dataMessage": data,
        },
        "account": account,
    }
