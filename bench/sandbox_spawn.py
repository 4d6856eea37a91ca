"""Spawn overhead of one sandboxed exec next to a plain subprocess.

Prints wall time (median, p90) and CPU time (ours + children) per run of `/bin/true`:
plain subprocess, bare bwrap (namespaces + seccomp), and the full `run_sandboxed` path
(cgroup jail + prlimit + bwrap + seccomp + output capture).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from clawkeep.decision import Deny
from clawkeep.sandbox import SandboxSpec, backend_available, run_sandboxed
from clawkeep.sandbox.bwrap import bwrap_argv, data_fds, find_tool, payloads

RUNS = 40


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(name: str, once: Callable[[], object]) -> None:
    once()  # warm caches (seccomp program, bwrap probe)
    walls = []
    cpu0 = _cpu()
    for _ in range(RUNS):
        t0 = time.perf_counter()
        once()
        walls.append(time.perf_counter() - t0)
    cpu = (_cpu() - cpu0) / RUNS
    walls.sort()
    p90 = walls[int(len(walls) * 0.9) - 1]
    print(
        f"{name:<28} median {statistics.median(walls) * 1e3:7.2f} ms   "
        f"p90 {p90 * 1e3:7.2f} ms   cpu {cpu * 1e3:6.2f} ms/run"
    )


def main() -> int:
    available = backend_available("bwrap")
    if isinstance(available, Deny):
        print(f"bubblewrap cannot run here: {available.detail}")
        return 1
    ws = Path(tempfile.mkdtemp(prefix="clawkeep-bench-"))
    spec = SandboxSpec(workspace=ws, workspace_access="rw")
    bwrap = find_tool("bwrap")
    assert bwrap is not None

    def plain() -> None:
        subprocess.run(["/bin/true"], check=True)

    def bare_bwrap() -> None:
        with data_fds(payloads(spec)) as fds:
            argv = bwrap_argv(spec, ["/bin/true"], bwrap=bwrap, workspace_dir=ws, fds=fds)
            subprocess.run(argv, check=True, env={}, pass_fds=tuple(fds.values()))

    def sandboxed() -> None:
        result = run_sandboxed(["/bin/true"], spec)
        assert not isinstance(result, Deny) and result.exit_code == 0, result

    print(f"spawn overhead of /bin/true, {RUNS} runs each")
    measure("plain subprocess", plain)
    measure("bwrap (ns + seccomp)", bare_bwrap)
    measure("run_sandboxed (full path)", sandboxed)
    ws.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
