"""Hostile-load benchmark: the owner's latency and the gateway's memory while strangers
flood it, and how many wrong credentials get compared under address rotation.

Runs the real `clawkeep gateway run` in a temporary install on loopback. The attacker is a
separate process, run as uid 65534 when this runs as root (a stranger on the machine, as
the sandbox would be); the owner is this process, with the right token.

    .venv/bin/python bench/hostile.py [--seconds 10] [--slow 1100] [--floods 4]

Goals (issue: hostile load): owner p99 under 250 ms during both floods, gateway RSS under
300 MB, wrong credentials compared bounded by the global budget (100 per minute).
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
from pathlib import Path

TOKEN = "c4" * 24
NOBODY = 65534

ATTACKER = r"""
import json, resource, socket, sys, time
mode, port, seconds, count = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
end = time.monotonic() + seconds
out = {}
if mode == "slow":
    held, opened, refused = [], 0, 0
    while time.monotonic() < end:
        while len(held) < count and time.monotonic() < end:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=2)
                s.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                s.setblocking(False)
                held.append(s)
                opened += 1
            except OSError:
                refused += 1
                break
        alive = []
        for s in held:
            try:
                s.send(b"X-a: b\r\n")  # one header line now and then: never finishing
                alive.append(s)
            except OSError:
                s.close()
        held = alive
        time.sleep(0.5)
    out = {"opened": opened, "refused": refused}
elif mode == "huge":
    import threading
    sent = [0] * count
    def flood(i):
        chunk = b"a" * 65536
        budget = 256 * 1024 * 1024
        while time.monotonic() < end:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                s.sendall(b"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
                left = budget
                while left > 0 and time.monotonic() < end:
                    s.sendall(chunk)
                    left -= len(chunk)
                    sent[i] += len(chunk)
            except OSError:
                pass
            finally:
                s.close()
    threads = [threading.Thread(target=flood, args=(i,)) for i in range(count)]
    for t in threads: t.start()
    for t in threads: t.join()
    out = {"sent_mib": sum(sent) / 2**20}
elif mode == "rotate":
    import threading
    statuses, lock, counter = {}, threading.Lock(), [0]
    def guess():
        while time.monotonic() < end:
            with lock:
                n = counter[0]
                counter[0] += 1
            if n >= count:
                return
            src = "127.%d.%d.%d" % ((n >> 16) & 255, (n >> 8) & 255, n % 250 + 2)
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=10,
                                             source_address=(src, 0))
                s.sendall(("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Connection: close\r\nAuthorization: Bearer " + "ab" * 24
                           + "\r\n\r\n").encode())
                code = s.recv(64).decode("latin-1")[9:12] or "closed"
                s.close()
            except OSError:
                code = "error"
            with lock:
                statuses[code] = statuses.get(code, 0) + 1
    threads = [threading.Thread(target=guess) for _ in range(32)]
    for t in threads: t.start()
    for t in threads: t.join()
    out = {"statuses": statuses, "sent": min(counter[0], count)}
print(json.dumps(out), flush=True)
"""


def rss_mib(pid: int) -> float:
    found = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(found.group(1)) / 1024 if found else 0.0


def start(state: Path) -> tuple[subprocess.Popen[str], int]:
    config = state / "clawkeep.json"
    config.write_text(json.dumps({"gateway": {"auth": {"token": TOKEN}}}))
    config.chmod(0o600)
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
    raise SystemExit("the gateway did not start")


def attacker(mode: str, port: int, seconds: float, count: int) -> subprocess.Popen[str]:
    as_stranger = os.geteuid() == 0
    return subprocess.Popen(
        ["/usr/bin/python3", "-I", "-c", ATTACKER, mode, str(port), str(seconds), str(count)],
        user=NOBODY if as_stranger else None,
        group=NOBODY if as_stranger else None,
        extra_groups=[] if as_stranger else None,
        cwd="/",
        stdout=subprocess.PIPE,
        text=True,
    )


def owner_during(port: int, pid: int, attack: subprocess.Popen[str]) -> dict[str, float]:
    latencies: list[float] = []
    failures = 0
    codes: dict[str, int] = {}
    rss_peak = 0.0
    while attack.poll() is None and len(latencies) + failures < 100_000:
        began = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/api/status", headers={"Authorization": f"Bearer {TOKEN}"})
            status = conn.getresponse().status
            conn.close()
        except OSError as exc:
            status = 0
            codes[type(exc).__name__] = codes.get(type(exc).__name__, 0) + 1
        codes[str(status)] = codes.get(str(status), 0) + 1
        if status == 200:
            latencies.append((time.perf_counter() - began) * 1000)
        else:
            failures += 1
        rss_peak = max(rss_peak, rss_mib(pid))
        time.sleep(0.05)
    latencies.sort()
    nan = float("nan")
    print(f"  owner answers: {codes}")
    return {
        "requests": len(latencies) + failures,
        "failed": failures,
        "p50_ms": statistics.median(latencies) if latencies else nan,
        "p99_ms": latencies[max(0, -(-len(latencies) * 99 // 100) - 1)] if latencies else nan,
        "rss_peak_mib": rss_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--slow", type=int, default=1100)
    parser.add_argument("--floods", type=int, default=4)
    parser.add_argument("--rotate", type=int, default=20_000)
    args = parser.parse_args()
    who = "uid 65534 (a stranger)" if os.geteuid() == 0 else "this user (no reserve applies)"
    print(f"attacker runs as {who}; gateway on loopback")
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state"
        state.mkdir(mode=0o700)
        proc, port = start(state)
        try:
            print(f"gateway RSS at rest: {rss_mib(proc.pid):.0f} MiB")
            for mode, count in (("slow", args.slow), ("huge", args.floods)):
                attack = attacker(mode, port, args.seconds, count)
                seen = owner_during(port, proc.pid, attack)
                out, _ = attack.communicate(timeout=args.seconds + 60)
                print(
                    f"{mode}-header flood ({count} connections, {args.seconds:.0f}s): owner "
                    f"p50 {seen['p50_ms']:.1f} ms, p99 {seen['p99_ms']:.1f} ms, "
                    f"{seen['failed']:.0f}/{seen['requests']:.0f} owner requests failed, "
                    f"gateway RSS peak {seen['rss_peak_mib']:.0f} MiB; attacker {out.strip()}"
                )
            attack = attacker("rotate", port, args.seconds, args.rotate)
            holder: dict[str, str] = {}
            reader = threading.Thread(
                target=lambda: holder.update(out=attack.communicate(timeout=600)[0])
            )
            reader.start()
            reader.join(args.seconds + 120)
            result = json.loads(holder.get("out") or "{}")
            statuses = result.get("statuses", {})
            compared = statuses.get("401", 0)
            print(
                f"rotation over 127.0.0.0/8 ({result.get('sent', 0)} wrong tokens from as "
                f"many addresses in {args.seconds:.0f}s): {compared} compared, the rest "
                f"refused uncompared; answers {statuses}; budget: 100 per 60 s window, "
                "so at most 100 compared per minute"
            )
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
