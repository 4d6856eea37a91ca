"""Loopback fakes that speak the real wire protocols of model providers.

Each fake is a real HTTP server on 127.0.0.1 in a thread; a test gives it a list of
replies (status, content type, body chunks) and reads back the requests it received.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "FakeReply",
    "FakeServer",
    "anthropic_stream",
    "fake_server",
    "ollama_stream",
    "openai_stream",
]


@dataclass
class FakeReply:
    status: int = 200
    content_type: str = "text/event-stream"
    chunks: Sequence[bytes] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeServer:
    url: str
    replies: list[FakeReply]
    requests: list[tuple[str, dict[str, str], dict[str, Any]]] = field(default_factory=list)
    sent: int = 0  # body bytes the client accepted before the reply ended or it hung up


def _handler(state: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            headers = {k.lower(): v for k, v in self.headers.items()}
            state.requests.append((self.path, headers, body))
            reply = state.replies.pop(0) if state.replies else FakeReply(500, chunks=[b"{}"])
            self.send_response(reply.status)
            self.send_header("content-type", reply.content_type)
            for k, v in reply.headers.items():
                self.send_header(k, v)
            self.end_headers()
            try:
                for chunk in reply.chunks:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    state.sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client stopped reading: what it took is in state.sent

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def fake_server(replies: list[FakeReply]) -> Iterator[FakeServer]:
    state = FakeServer("", list(replies))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _sse(events: list[tuple[str | None, Any]]) -> list[bytes]:
    out = []
    for name, data in events:
        text = data if isinstance(data, str) else json.dumps(data)
        head = f"event: {name}\n" if name else ""
        out.append(f"{head}data: {text}\n\n".encode())
    return out


def openai_stream(
    text: str = "", calls: Sequence[tuple[str, str, dict[str, Any]]] = ()
) -> FakeReply:
    """A chat-completions SSE stream; each call's arguments arrive in two fragments."""
    events: list[tuple[str | None, Any]] = []
    if text:
        for piece in (text[: len(text) // 2], text[len(text) // 2 :]):
            events.append((None, {"choices": [{"index": 0, "delta": {"content": piece}}]}))
    for i, (call_id, name, args) in enumerate(calls):
        raw = json.dumps(args)
        first = {
            "index": i,
            "id": call_id,
            "type": "function",
            "function": {"name": name, "arguments": raw[:5]},
        }
        second = {"index": i, "function": {"arguments": raw[5:]}}
        for frag in (first, second):
            events.append((None, {"choices": [{"index": 0, "delta": {"tool_calls": [frag]}}]}))
    finish = "tool_calls" if calls else "stop"
    events.append((None, {"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}))
    events.append((None, "[DONE]"))
    return FakeReply(chunks=_sse(events))


def anthropic_stream(
    text: str = "", calls: Sequence[tuple[str, str, dict[str, Any]]] = ()
) -> FakeReply:
    """A Messages SSE stream with text and tool_use blocks (input as partial JSON)."""
    events: list[tuple[str | None, Any]] = [
        ("message_start", {"type": "message_start", "message": {"id": "m1", "role": "assistant"}})
    ]
    index = 0
    if text:
        events.append(
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            )
        )
        events.append(
            (
                "content_block_delta",
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "text_delta", "text": text},
                },
            )
        )
        events.append(("content_block_stop", {"type": "content_block_stop", "index": 0}))
        index = 1
    for call_id, name, args in calls:
        raw = json.dumps(args)
        events.append(
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": index,
                    "content_block": {"type": "tool_use", "id": call_id, "name": name, "input": {}},
                },
            )
        )
        for piece in (raw[:4], raw[4:]):
            events.append(
                (
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": index,
                        "delta": {"type": "input_json_delta", "partial_json": piece},
                    },
                )
            )
        events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
        index += 1
    stop = "tool_use" if calls else "end_turn"
    events.append(("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop}}))
    events.append(("message_stop", {"type": "message_stop"}))
    return FakeReply(chunks=_sse(events))


def ollama_stream(text: str = "", calls: Sequence[tuple[str, dict[str, Any]]] = ()) -> FakeReply:
    """An /api/chat NDJSON stream; tool calls carry parsed arguments."""
    lines: list[dict[str, Any]] = []
    for piece in (text[:3], text[3:]) if text else ():
        lines.append(
            {"model": "m", "message": {"role": "assistant", "content": piece}, "done": False}
        )
    if calls:
        tc = [{"function": {"name": n, "arguments": a}} for n, a in calls]
        lines.append(
            {
                "model": "m",
                "message": {"role": "assistant", "content": "", "tool_calls": tc},
                "done": False,
            }
        )
    lines.append(
        {
            "model": "m",
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "stop",
        }
    )
    return FakeReply(
        content_type="application/x-ndjson", chunks=[(json.dumps(x) + "\n").encode() for x in lines]
    )
