"""``<state>/gateway.json``: which process serves this install, since when, where.

Written (0600) when the gateway is listening and removed when it stops, so
`clawkeep status` can say whether the gateway is up without guessing a port. A file
left by a crash names a dead pid, which status reports as stale.
"""

from __future__ import annotations

import json
import os
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
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def write_state(state_dir: Path, addresses: list[tuple[str, int]]) -> None:
    body = {"pid": os.getpid(), "startedAt": time.time(), "addresses": addresses}
    atomic_write(state_dir / STATE_FILE, json.dumps(body))


def read_state(state_dir: Path) -> RunningState | None:
    try:
        data = json.loads((state_dir / STATE_FILE).read_text())
        return RunningState(
            int(data["pid"]),
            float(data["startedAt"]),
            tuple((str(h), int(p)) for h, p in data["addresses"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_state(state_dir: Path) -> None:
    current = read_state(state_dir)
    if current is not None and current.pid == os.getpid():
        (state_dir / STATE_FILE).unlink(missing_ok=True)
