"""Gateway benchmark: cold start, RSS, authenticated HTTP requests/s, WS round trips/s.

Runs the real `clawkeep gateway run` in a temporary install on a loopback port and drives
it from this process. Prints wall-clock rates and the gateway's own CPU time per request
(steadier than wall time on a busy 2-core machine).

    .venv/bin/python bench/gateway.py [--seconds 5] [--clients 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from clawkeep.cli.chat_client import GatewayClient

TOKEN = "b3" * 24
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mib(pid: int) -> float:
    found = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(found.group(1)) / 1024 if found else 0.0


def start(state: Path) -> tuple[subprocess.Popen[str], int, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAWKEEP_")}
    env["CLAWKEEP_STATE_DIR"] = str(state)
    began = time.perf_counter()
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
            return proc, int(found.group(1)), time.perf_counter() - began
    raise SystemExit("the gateway did not start")


def http_load(port: int, seconds: float, clients: int) -> int:
    counts = [0] * clients
    deadline = time.perf_counter() + seconds

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        while time.perf_counter() < deadline:
            conn.request("GET", "/api/status", headers=headers)
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            counts[index] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts)


def ws_load(port: int, seconds: float, method: str, params: dict[str, object]) -> int:
    done = 0
    with GatewayClient(f"ws://127.0.0.1:{port}/ws", TOKEN) as client:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            client.call(method, params)
            done += 1
    return done


def measure(name: str, pid: int, seconds: float, run: object) -> None:
    assert callable(run)
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    count = run()
    wall, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    print(f"{name:<34} {count / wall:9.0f} /s   server CPU {cpu / count * 1e6:7.0f} µs each")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state"
        state.mkdir(mode=0o700)
        config = state / "clawkeep.json"
        config.write_text(json.dumps({"gateway": {"auth": {"token": TOKEN}}}))
        config.chmod(0o600)
        starts = []
        for _ in range(3):
            proc, port, ready = start(state)
            starts.append(ready)
            proc.terminate()
            proc.wait(30)
        print(f"cold start to ready (3 runs)       {', '.join(f'{s:.2f}' for s in starts)} s")
        proc, port, _ = start(state)
        try:
            print(f"RSS after start                    {rss_mib(proc.pid):9.1f} MiB")
            measure(
                f"HTTP GET /api/status ({args.clients} conns)",
                proc.pid,
                args.seconds,
                lambda: http_load(port, args.seconds, args.clients),
            )
            measure(
                "WS RPC status (1 conn)",
                proc.pid,
                args.seconds,
                lambda: ws_load(port, args.seconds, "status", {}),
            )
            measure(
                "WS RPC chat.send, real pipeline",
                proc.pid,
                args.seconds,
                lambda: ws_load(port, args.seconds, "chat.send", {"text": "hi"}),
            )
            print(f"RSS after load                     {rss_mib(proc.pid):9.1f} MiB")
        finally:
            proc.terminate()
            code = proc.wait(30)
        print(f"exit status after SIGTERM          {code}")


if __name__ == "__main__":
    main()
