"""The managed browser: cold start (first call launches Chromium behind the egress proxy)
and p50/p95 of open+snapshot of a page served on 127.0.0.2 (through the proxy).

Run: nice -n 10 .venv/bin/python bench/browser.py
"""

from __future__ import annotations

import asyncio
import ipaddress
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.guards.network_guard import NetworkPolicy
from clawkeep.tools.browser import BrowserHost, BrowserNetwork

ROUNDS = 30
PAGE = (
    b"<title>Bench</title><h1>Bench page</h1>"
    + b"".join(b"<p>paragraph %d <a href='/x'>link</a></p>" % i for i in range(200))
    + b"<button>Go</button>"
)


class Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: Any) -> None:
        return


async def run(host: BrowserHost, url: str) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    first = await host.act("open", {"url": url})
    cold = time.perf_counter() - t0
    assert first.ok, first.text
    times = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        opened = await host.act("open", {"url": url})
        snap = await host.act("snapshot", {"max_chars": 20_000})
        times.append(time.perf_counter() - t)
        assert opened.ok and snap.ok
    return cold, times


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.2", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state"
        state.mkdir(mode=0o700)
        paths = InstallPaths("clawkeep", state, state / "clawkeep.json")
        config = RootConfig.model_validate({"browser": {"enabled": True}})
        network = BrowserNetwork(
            NetworkPolicy(allow_cidrs=(ipaddress.ip_network("127.0.0.2/32"),)),
            ("bench.example",),
            (port,),
            lambda _host: ["127.0.0.2"],
        )
        host = BrowserHost(config, paths, network)
        try:
            cold, times = asyncio.run(run(host, f"http://bench.example:{port}/"))
        finally:
            host.close()
            server.shutdown()
    ms = sorted(t * 1000 for t in times)
    where = "inside bubblewrap" if host.jailed else "without bubblewrap"
    print(f"browser cold start (first open, Chromium {where}): {cold * 1000:.0f} ms")
    print(
        f"open+snapshot of a local page through the egress proxy: p50 "
        f"{statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms "
        f"({ROUNDS} rounds)"
    )


if __name__ == "__main__":
    main()
