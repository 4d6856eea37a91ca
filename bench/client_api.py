"""Client API benchmark: `/v1/chat/completions` beside the WebSocket's `chat.send`.

Runs the real `clawkeep gateway run` in a temporary install whose agent is answered by a
zero-latency in-process provider (`api: "script"`), with the client API switched on, and
drives the same message through both transports at concurrency 1 and 8. Prints
messages/s, p50/p99 latency and the gateway's own CPU time per message (steadier than
wall time on a busy machine), then the HTTP/WS CPU ratio (goal: at most 1.2x).

    .venv/bin/python bench/client_api.py [--seconds 5] [--guard]

``--guard`` keeps the channel guard's classifier on (it then dominates both paths).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from clawkeep.cli.chat_client import GatewayClient

TOKEN = "b3" * 24
TICKS = os.sysconf("SC_CLK_TCK")

BODY = json.dumps(
    {"model": "clawkeep:main", "messages": [{"role": "user", "content": "hi"}]}
).encode()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def start(state: Path) -> tuple[subprocess.Popen[str], int]:
    """`clawkeep gateway run` on an ephemeral loopback port; its process and port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAWKEEP_")}
    env["CLAWKEEP_STATE_DIR"] = str(state)
    proc = subprocess.Popen(
        [sys.executable, "-m", "clawkeep", "gateway", "run", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if found:
            return proc, int(found.group(1))
    raise SystemExit("the gateway did not start (run clawkeep gateway run by hand to see why)")


def _http_worker(port: int, deadline: float, latencies: list[float]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        conn.request("POST", "/v1/chat/completions", body=BODY, headers=headers)
        response = conn.getresponse()
        body = response.read()
        latencies.append(time.perf_counter() - began)
        reply = json.loads(body)["choices"][0]["message"]["content"]
        assert response.status == 200 and reply == "ok", body[:200]  # a real turn answered
    conn.close()


def _ws_worker(port: int, deadline: float, latencies: list[float]) -> None:
    with GatewayClient(f"ws://127.0.0.1:{port}/ws", TOKEN) as client:
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            result = client.call("chat.send", {"text": "hi"})
            latencies.append(time.perf_counter() - began)
            assert isinstance(result, dict) and result.get("reply") == "ok", result


def run(
    name: str,
    pid: int,
    port: int,
    seconds: float,
    clients: int,
    worker: Callable[[int, float, list[float]], None],
) -> float:
    """Drive ``clients`` workers for ``seconds``; print the figures; return CPU/message."""
    per: list[list[float]] = [[] for _ in range(clients)]
    deadline = time.perf_counter() + seconds
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    threads = [
        threading.Thread(target=worker, args=(port, deadline, per[i])) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    latencies = sorted(x for lst in per for x in lst)
    count = len(latencies)
    p50 = statistics.median(latencies) * 1e3
    p99 = latencies[min(count - 1, int(count * 0.99))] * 1e3
    each = cpu / count * 1e6
    print(
        f"{name:<30} c={clients}  {count / wall:7.0f} msg/s   p50 {p50:6.2f} ms   "
        f"p99 {p99:6.2f} ms   gateway CPU {each:6.0f} µs/msg"
    )
    return each


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--guard", action="store_true", help="keep the channel guard on")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        state = root / "state"
        state.mkdir(mode=0o700)
        workspace = root / "ws"
        workspace.mkdir()
        (workspace / "SOUL.md").write_text("# SOUL\nBe brief.\n")
        script = root / "script.json"
        script.write_text(json.dumps({"turns": [{"text": "ok"}] * 200_000}))
        config = {
            "gateway": {
                "auth": {"token": TOKEN},
                "http": {"endpoints": {"chatCompletions": {"enabled": True}}},
            },
            "agents": {
                "defaults": {"model": "fake/zero"},
                "list": [{"id": "main", "workspace": str(workspace)}],
            },
            "models": {"providers": {"fake": {"api": "script", "script": str(script)}}},
            "guards": {"channel": {"enabled": args.guard}},
        }
        path = state / "clawkeep.json"
        path.write_text(json.dumps(config))
        path.chmod(0o600)
        proc, port = start(state)
        try:
            ratios = []
            for clients in (1, 8):
                http_cpu = run(
                    "POST /v1/chat/completions", proc.pid, port, args.seconds, clients, _http_worker
                )
                ws_cpu = run("WS chat.send", proc.pid, port, args.seconds, clients, _ws_worker)
                ratios.append((clients, http_cpu / ws_cpu))
            for clients, ratio in ratios:
                print(f"HTTP/WS CPU per message at c={clients}: {ratio:.2f}x (goal <= 1.2x)")
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
