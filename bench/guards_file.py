"""Per-decision latency of the file-guard's path resolution (µs), on both resolvers.

Run: .venv/bin/python bench/guards_file.py [--n N]
Prints wall median and p99 per decision and CPU time per decision (the machine may be
busy: compare CPU time and ratios), plus the whole corpus through ``check``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from clawkeep.guards.file_guard import FileOp, FilePolicy, check, read_bytes, write_bytes
from clawkeep.guards.file_guard._openat2 import AVAILABLE
from clawkeep.guards.file_guard.scenario import Scenario

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "paths.jsonl"

FS = [
    "src/pkg/mod/deep/file.py",
    "link => src/pkg",
    "hop => link/mod",
    "out => ../OUTSIDE/secret.txt",
    ".env",
    "SOUL.md",
]

CASES: list[tuple[str, str, FileOp]] = [
    ("text refusal ../../etc/passwd", "../../etc/passwd", FileOp.READ),
    ("read check, 5 levels", "src/pkg/mod/deep/file.py", FileOp.READ),
    ("read check via 2 symlinks", "hop/deep/file.py", FileOp.READ),
    ("read check, symlink escape", "out", FileOp.READ),
    ("read check, protected .env", ".env", FileOp.READ),
    ("write check, new file", "src/pkg/new.py", FileOp.WRITE),
    ("write check, SOUL.md", "SOUL.md", FileOp.WRITE),
    ("delete check", "src/pkg/mod/deep/file.py", FileOp.DELETE),
    ("list check", "src/pkg", FileOp.LIST),
]


def _measure(fn: Callable[[], object], n: int) -> tuple[float, float, float]:
    for _ in range(min(200, n)):
        fn()
    walls: list[float] = []
    cpu0 = time.process_time()
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
    cpu = (time.process_time() - cpu0) / n
    walls.sort()
    return statistics.median(walls) * 1e6, walls[int(len(walls) * 0.99)] * 1e6, cpu * 1e6


def _row(label: str, fn: Callable[[], object], n: int) -> None:
    median, p99, cpu = _measure(fn, n)
    print(f"  {label:<34} median {median:7.1f} µs   p99 {p99:7.1f} µs   cpu {cpu:7.1f} µs")


def _corpus(backend: str) -> None:
    if not CORPUS.exists():
        return
    records = [json.loads(line) for line in CORPUS.read_text().splitlines()]
    strings = [r["input"] for r in records if isinstance(r["input"], str)]
    with Scenario.create() as sc:
        policy = FilePolicy(root=sc.root, backend=backend)  # type: ignore[arg-type]
        paths = [sc.expand(s) for s in strings]
        t0 = time.process_time()
        rounds = 50
        for _ in range(rounds):
            for path in paths:
                check(policy, path, FileOp.READ)
        per = (time.process_time() - t0) / (rounds * len(paths)) * 1e6
    print(f"  {'corpus string lines (' + str(len(paths)) + ')':<34} cpu {per:7.1f} µs per line")


def _bench_backend(sc: Scenario, backend: str, n: int) -> None:
    policy = FilePolicy(root=sc.root, backend=backend)  # type: ignore[arg-type]
    print(f"backend {backend}")
    for label, path, op in CASES:
        _row(label, lambda p=path, o=op: check(policy, p, o), n)  # type: ignore[misc]
    _row("read_bytes 1 KiB file", lambda: read_bytes(policy, "SOUL.md", 1024), n)
    writes = max(50, n // 30)
    _row("write_bytes (fsync, rename)", lambda: write_bytes(policy, "src/w.txt", b"x"), writes)
    _corpus(backend)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3000)
    n = parser.parse_args().n
    backends = (["openat2"] if AVAILABLE else []) + ["walk"]
    with Scenario.create(FS) as sc:
        for backend in backends:
            _bench_backend(sc, backend, n)


if __name__ == "__main__":
    main()
