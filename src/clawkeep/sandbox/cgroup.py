"""How many processes and how much memory one sandbox may use in total: a cgroup jail.

RLIMIT_NPROC does not hold when the sandbox user maps to host root (the kernel exempts
root's processes), so a fork bomb is bounded by a `pids` cgroup instead, and the memory
of all the sandbox's processes together (tmpfs included) by a `memory` cgroup. The jail
is created under the gateway's own cgroup of each controller (so it stays inside any
limit the gateway already has), entered by a `/bin/sh` trampoline before bwrap starts
(no `preexec_fn`), and every process left in it is killed when the command ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from clawkeep.sandbox.limits import Limits

__all__ = ["CgroupJail", "create_jail"]

_ROOT = Path("/sys/fs/cgroup")
_MIB = 1024 * 1024
# The trampoline writes its own pid into each cgroup.procs, then execs the real command,
# so bwrap and everything under it are born inside the jail.
_TRAMPOLINE = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"'


# (file, counter, reason): v1 memory.oom_control / v2 memory.events count OOM kills,
# pids.events counts refused forks.
_EVENTS = (
    ("memory.oom_control", "oom_kill", "sandbox.memory_limit"),
    ("memory.events", "oom_kill", "sandbox.memory_limit"),
    ("pids.events", "max", "sandbox.process_limit"),
)


def _counter(path: Path, key: str) -> int:
    try:
        for line in path.read_text().splitlines():
            name, _, value = line.partition(" ")
            if name == key and value.strip().isdigit():
                return int(value)
    except OSError:
        return 0
    return 0


@dataclass(frozen=True)
class CgroupJail:
    """The cgroup directories of one run (one per v1 controller, or one v2 dir)."""

    dirs: tuple[Path, ...]
    has_pids: bool
    has_memory: bool

    def wrap(self, argv: list[str]) -> list[str]:
        procs = [str(d / "cgroup.procs") for d in self.dirs]
        return ["/bin/sh", "-c", _TRAMPOLINE, "sh", *procs, "--", *argv]

    def kill_all(self) -> None:
        """SIGKILL every process still in the jail (a daemon that left the session too)."""
        for _ in range(50):
            pids = self._pids()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        self.kill_all()
        for d in self.dirs:
            for _ in range(100):  # rmdir is refused while killed processes finish exiting
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)

    def limit_hit(self) -> str | None:
        """Which jail limit the command ran into, as a reason code, or None."""
        for d in self.dirs:
            for name, key, reason in _EVENTS:
                if _counter(d / name, key) > 0:
                    return reason
        return None

    def pids(self) -> set[int]:
        """The processes in the jail right now."""
        return self._pids()

    def _pids(self) -> set[int]:
        found: set[int] = set()
        for d in self.dirs:
            with contextlib.suppress(OSError):
                found.update(int(x) for x in (d / "cgroup.procs").read_text().split())
        return found


def _own_paths() -> dict[str, str]:
    """controller -> this process's cgroup path ("" key for the v2 unified hierarchy)."""
    paths: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                paths[name] = path
    return paths


def _make(parent: Path, settings: dict[str, str]) -> Path | None:
    if not parent.is_dir():
        return None
    d = parent / f"clawkeep-sandbox-{uuid.uuid4().hex[:12]}"
    try:
        d.mkdir(mode=0o700)
    except OSError:
        return None
    try:
        for name, value in settings.items():
            (d / name).write_text(value)
    except OSError:
        with contextlib.suppress(OSError):
            d.rmdir()
        return None
    return d


def _v1_jail(paths: dict[str, str], limits: Limits) -> CgroupJail | None:
    pids = _make(_ROOT / "pids" / paths["pids"].lstrip("/"), {"pids.max": str(limits.processes)})
    if pids is None:
        return None
    dirs = [pids]
    memory = None
    if "memory" in paths:
        mem_bytes = str(limits.memory_mb * _MIB)
        memory = _make(
            _ROOT / "memory" / paths["memory"].lstrip("/"), {"memory.limit_in_bytes": mem_bytes}
        )
        if memory is not None:
            dirs.append(memory)
    return CgroupJail(tuple(dirs), has_pids=True, has_memory=memory is not None)


def _v2_jail(path: str, limits: Limits) -> CgroupJail | None:
    for base in (_ROOT, _ROOT / "unified"):
        if (base / "cgroup.controllers").is_file():
            settings = {"pids.max": str(limits.processes)}
            d = _make(base / path.lstrip("/"), settings)
            if d is None:
                return None
            mem_ok = True
            try:
                (d / "memory.max").write_text(str(limits.memory_mb * _MIB))
            except OSError:
                mem_ok = False
            return CgroupJail((d,), has_pids=True, has_memory=mem_ok)
    return None


def create_jail(limits: Limits) -> CgroupJail | None:
    """A fresh jail with ``pids.max`` (and a memory limit where possible), or None."""
    paths = _own_paths()
    if "pids" in paths:
        return _v1_jail(paths, limits)
    if "" in paths:
        return _v2_jail(paths[""], limits)
    return None
