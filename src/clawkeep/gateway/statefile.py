"""``<state>/gateway.json``: which process serves this install, since when, where.

Written (0600) when the gateway is listening and removed when it stops, so
`clawkeep status` can say whether the gateway is up without guessing a port. A file
left by a crash names a dead pid, which status reports as stale. The file is not taken
on trust: a pid that now belongs to a process started after the file was written (pid
reuse), a pid of 0, 1 or below, or an address that is not on this machine makes it stale
or unreadable, so `status`, `doctor` and the audit neither lie nor probe a foreign host.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from clawkeep.fsutil import atomic_write

__all__ = ["STATE_FILE", "RunningState", "clear_state", "read_state", "write_state"]

STATE_FILE = "gateway.json"


@dataclass(frozen=True, slots=True)
class RunningState:
    pid: int
    started_at: float
    addresses: tuple[tuple[str, int], ...]

    def alive(self) -> bool:
        """Whether the process that wrote the file still runs (not a reuse of its pid)."""
        if self.pid <= 1:
            return False  # 0 and -1 signal whole groups; 1 is init, never the gateway
        started = _process_start(self.pid)
        if started is None:
            return False
        # A process started after the file was written is another program on a reused pid.
        return started <= self.started_at + _START_SLACK_S


_START_SLACK_S = 5.0


def _boot_time() -> float | None:
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _process_start(pid: int) -> float | None:
    """When ``pid`` started (epoch seconds), or None when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ticks = int(stat[stat.rindex(")") + 2 :].split()[19])  # field 22: starttime
    except (OSError, ValueError, IndexError):
        return None
    boot = _boot_time()
    if boot is None:
        return None
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def _local_address(host: str) -> bool:
    """Whether ``host`` is an IP address of this machine (what the gateway could bind)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # the gateway writes addresses, never names
    if ip.is_loopback or ip.is_unspecified:
        return True
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, 0))  # binds only to an address one of our interfaces has
        except OSError:
            return False
    return True


def write_state(state_dir: Path, addresses: list[tuple[str, int]]) -> None:
    body = {"pid": os.getpid(), "startedAt": time.time(), "addresses": addresses}
    atomic_write(state_dir / STATE_FILE, json.dumps(body))


def read_state(state_dir: Path) -> RunningState | None:
    try:
        data = json.loads((state_dir / STATE_FILE).read_text())
        state = RunningState(
            int(data["pid"]),
            float(data["startedAt"]),
            tuple((str(h), int(p)) for h, p in data["addresses"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for host, port in state.addresses:
        if not 0 < port < 65536 or not _local_address(host):
            return None  # not a file the gateway wrote: never probe what it names
    return state


def clear_state(state_dir: Path) -> None:
    current = read_state(state_dir)
    if current is not None and current.pid == os.getpid():
        (state_dir / STATE_FILE).unlink(missing_ok=True)
