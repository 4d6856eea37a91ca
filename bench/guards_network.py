"""Network-guard cost per decision: URL literal checks, address checks, a pinned fetch.

Run: .venv/bin/python bench/guards_network.py
"""

from __future__ import annotations

import asyncio
import http.server
import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from ipaddress import ip_network
from pathlib import Path

from clawkeep.guards.network_guard import NetworkPolicy, check_address, check_url, fetch

CORPUS = Path("/work/shared/corpora/ssrf.jsonl")
POLICY = NetworkPolicy()


def _resolver(note: str) -> Callable[[str], Sequence[str]]:
    match = re.search(r"\[dns->([^\]\s]+)\]", note)
    answer = "93.184.216.34" if match is None or match.group(1) == "public" else match.group(1)
    return lambda host: [answer]


def per_call_us(fn: Callable[[], object], rounds: int) -> float:
    start = time.process_time()
    for _ in range(rounds):
        fn()
    return (time.process_time() - start) / rounds * 1e6


def bench_corpus() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    cases = [(row["input"], _resolver(row["note"])) for row in rows]
    rounds = 200

    def all_cases() -> None:
        for url, resolver in cases:
            check_url(url, POLICY, resolver)

    us = per_call_us(all_cases, rounds) / len(cases)
    print(f"check_url, corpus mix ({len(cases)} URLs, stub resolver): {us:6.1f} us/decision")


def bench_singles() -> None:
    singles = {
        "public IPv4 literal": "http://93.184.216.34/path?q=1",
        "octal IPv4 (refused at parse)": "http://0177.0.0.1/",
        "IPv6 NAT64 (decoded)": "http://[64:ff9b::a9fe:a9fe]/",
        "name + 1 DNS answer": "https://docs.example.com/a/b",
        "scheme refused": "gopher://example.com/",
    }
    stub = _resolver("[dns->93.184.216.34]")
    for label, url in singles.items():
        us = per_call_us(partial(check_url, url, POLICY, stub), 20_000)
        print(f"check_url, {label:32s}: {us:6.1f} us/decision")
    for ip in ("8.8.8.8", "2002:a9fe:a9fe::1", "2606:4700::1111"):
        us = per_call_us(partial(check_address, ip, POLICY), 20_000)
        print(f"check_address {ip:25s}: {us:6.1f} us/decision")


class _Quiet(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        return


def bench_fetch() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://svc.example.com:{server.server_address[1]}/"
    policy = NetworkPolicy(allow_cidrs=(ip_network("127.0.0.1/32"),))
    rounds = 200

    async def many() -> None:
        for _ in range(rounds):
            await fetch(url, policy, resolver=lambda host: ["127.0.0.1"])

    wall, cpu = time.perf_counter(), time.process_time()
    asyncio.run(many())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"fetch over loopback (new client each): {wall / rounds * 1e3:6.2f} ms wall, "
        f"{cpu / rounds * 1e3:6.2f} ms CPU per fetch (client + server in one process)"
    )
    server.shutdown()


if __name__ == "__main__":
    bench_corpus()
    bench_singles()
    bench_fetch()
