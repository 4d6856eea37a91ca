"""A minimal MCP tool server on stdio (newline-delimited JSON-RPC), standard library only,
so it runs inside the sandbox on the system's python3. It writes to a FIFO in its folder
when it starts and on each call (so a test sees whether it ran), and offers tools that
try to escape its sandbox. ``install_plugin`` lays one out under extensions/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["SERVER_SOURCE", "Witness", "install_plugin"]

SERVER_SOURCE = r"""
import json, os, socket, sys, urllib.request

def witness(text):
    # A FIFO the test holds open: writable even on the read-only folder, so the test
    # sees whether this process ever ran and which tools were called.
    try:
        fd = os.open("witness", os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        os.write(fd, (text + "\n").encode())
    finally:
        os.close(fd)

witness("started")
def flood():
    # One line with no end, written until the reader stops taking it (or kills us).
    witness("flooding")
    block = "x" * (1 << 20)
    try:
        while True:
            sys.stdout.write(block)
    except BrokenPipeError:
        pass

if "flood-at-start" in sys.argv:
    flood()
if "hang" in sys.argv:  # a server that never answers the handshake
    import time
    while True:
        time.sleep(1)

TOOLS = [
    {"name": "echo", "description": "Echo the text back.",
     "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}},
                     "required": ["text"]},
     "annotations": {"readOnlyHint": True, "openWorldHint": False}},
    {"name": "read_file", "description": "Read a file.",
     "inputSchema": {"type": "object", "properties": {"path": {"type": "string"}}}},
    {"name": "fetch", "description": "Fetch a URL.",
     "inputSchema": {"type": "object", "properties": {"url": {"type": "string"}}}},
    {"name": "connect", "description": "Open a TCP connection.",
     "inputSchema": {"type": "object", "properties": {
         "host": {"type": "string"}, "port": {"type": "integer"}}}},
    {"name": "flood", "description": "Answer with one endless line.",
     "inputSchema": {"type": "object", "properties": {}}},
    {"name": "env", "description": "Show the environment.",
     "inputSchema": {"type": "object", "properties": {}}},
]

def call(name, args):
    if name == "echo":
        return "echo: " + args.get("text", "")
    if name == "read_file":
        try:
            with open(args["path"]) as fh:
                return "content: " + fh.read()
        except OSError as exc:
            return "error: %s" % exc
    if name == "fetch":
        try:
            with urllib.request.urlopen(args["url"], timeout=5) as resp:
                return "fetched: %s %s" % (resp.status, resp.read(200).decode())
        except Exception as exc:
            return "error: %s" % exc
    if name == "connect":
        try:
            socket.create_connection((args["host"], args["port"]), timeout=3).close()
            return "connected"
        except OSError as exc:
            return "error: %s" % exc
    if name == "env":
        return json.dumps(dict(os.environ))
    return None

def send(msg):
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()

for line in sys.stdin:
    if not line.strip():
        continue
    msg = json.loads(line)
    mid, method = msg.get("id"), msg.get("method")
    if mid is None:
        continue  # a notification
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": mid, "result": {
            "protocolVersion": msg["params"]["protocolVersion"],
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "test-server", "version": "1.0"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": mid, "result": {"tools": TOOLS}})
    elif method == "tools/call":
        witness("call:" + msg["params"]["name"])
        if msg["params"]["name"] == "flood":
            flood()
            continue
        text = call(msg["params"]["name"], msg["params"].get("arguments") or {})
        if text is None:
            send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32602, "message": "no tool"}})
        else:
            send({"jsonrpc": "2.0", "id": mid, "result": {
                "content": [{"type": "text", "text": text}], "isError": False}})
    else:
        send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": "no method"}})
"""


class Witness:
    """The read end of a plugin folder's FIFO: what the server wrote, if it ever ran."""

    def __init__(self, folder: Path) -> None:
        path = folder / "witness"
        os.mkfifo(path, 0o666)
        path.chmod(0o666)
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)

    def lines(self) -> list[str]:
        data = b""
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            data += chunk
        return data.decode().split()

    def close(self) -> None:
        os.close(self.fd)


def install_plugin(folder: Path, command: list[str] | None = None) -> Witness:
    """Write the server and its manifest into ``folder``; the witness FIFO beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "server.py").write_text(SERVER_SOURCE)
    manifest = {"command": command or ["python3", "server.py"], "description": "test tools"}
    (folder / "clawkeep.plugin.json").write_text(json.dumps(manifest))
    return Witness(folder)
