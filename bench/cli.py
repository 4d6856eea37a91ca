"""Cold start of the everyday commands: `--help`, `status` and `doctor --offline`.

Each is a fresh process (what a person or a script pays), run 7 times; prints the median
wall and CPU (user + sys of the child) seconds. Goals: `--help` and `status` under 0.3 s
wall on the 2-core development machine.

Run: .venv/bin/python bench/cli.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7


def _once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {**os.environ, "HOME": tmp, "CLAWKEEP_STATE_DIR": str(home / "state")}
        cli = [sys.executable, "-m", "clawkeep"]
        subprocess.run([*cli, "init", "--yes"], env=env, capture_output=True, check=True)
        print(f"{'command':28} {'wall p50':>9} {'cpu p50':>9}   (goal)")
        for label, args, goal in (
            ("clawkeep --help", ["--help"], "< 0.3 s wall"),
            ("clawkeep status", ["status"], "< 0.3 s wall"),
            ("clawkeep doctor --offline", ["doctor", "--offline"], ""),
        ):
            samples = [_once([*cli, *args], env) for _ in range(RUNS)]
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            print(f"{label:28} {wall:8.3f}s {cpu:8.3f}s   {goal}")


if __name__ == "__main__":
    main()
