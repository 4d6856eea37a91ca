"""How a sandbox process is watched: output read concurrently and capped, a wall clock
that kills the whole process group, and an `ExecResult` that says which limit hit.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from clawkeep.sandbox.quota import POLL_SECONDS
from clawkeep.sandbox.spec import ExecResult

__all__ = ["run_capped"]

_CHUNK = 65536


class _Capture:
    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.data: dict[int, bytearray] = {}
        self.truncated = False

    def take(self, fd: int, chunk: bytes) -> None:
        buf = self.data.setdefault(fd, bytearray())
        room = self.cap - len(buf)
        if len(chunk) > room:
            buf += chunk[: max(room, 0)]
            self.truncated = True
        else:
            buf += chunk

    def text(self, fd: int) -> str:
        return bytes(self.data.get(fd, b"")).decode("utf-8", errors="replace")


_CANCEL_POLL = 0.1  # seconds between looks at the cancel flag
_WATCH_POLL = POLL_SECONDS  # ... and at the disk quota


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    # The sandbox is its own session: killing the group reaches bwrap and its monitor, and
    # bwrap's --die-with-parent then takes the whole PID namespace down with it.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


Watch = Callable[[], str | None]  # polled while the command runs: a reason stops it


def _polled(cancel: threading.Event | None, watch: Watch | None) -> str | None:
    if cancel is not None and cancel.is_set():
        return "sandbox.cancelled"  # the process tool's kill
    return watch() if watch is not None else None


def _pump(
    proc: subprocess.Popen[bytes],
    cap: _Capture,
    deadline: float,
    cancel: threading.Event | None,
    watch: Watch | None = None,
) -> str | None:
    assert proc.stdout is not None and proc.stderr is not None
    with selectors.DefaultSelector() as sel:
        for stream in (proc.stdout, proc.stderr):
            sel.register(stream.fileno(), selectors.EVENT_READ)
        while sel.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "sandbox.wall_clock"
            if cancel is not None or watch is not None:
                stop = _polled(cancel, watch)
                if stop is not None:
                    return stop
                remaining = min(remaining, _CANCEL_POLL if watch is None else _WATCH_POLL)
            for key, _ in sel.select(remaining):
                fd = int(key.fd)
                chunk = os.read(fd, _CHUNK)
                if not chunk:
                    sel.unregister(fd)
                    continue
                cap.take(fd, chunk)
                if cap.truncated:
                    return "sandbox.output_limit"  # stop a flood instead of buffering it
    return None


def _reap(
    proc: subprocess.Popen[bytes],
    deadline: float,
    cancel: threading.Event | None,
    watch: Watch | None = None,
) -> str | None:
    poll = _WATCH_POLL if watch is not None else (_CANCEL_POLL if cancel is not None else None)
    while True:
        remaining = max(deadline - time.monotonic(), 0.0)
        try:
            proc.wait(timeout=remaining if poll is None else min(remaining, poll))
            return None
        except subprocess.TimeoutExpired:
            stop = _polled(cancel, watch)
            if stop is not None:
                return stop
            if time.monotonic() >= deadline:
                return "sandbox.wall_clock"


def run_capped(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    pass_fds: Sequence[int] = (),
    wall_seconds: float,
    output_bytes: int,
    cancel: threading.Event | None = None,
    watch: Watch | None = None,
) -> ExecResult:
    """Run ``argv`` in a new session; kill its process group at the wall clock, the output
    cap, a cancel, or when ``watch`` (the disk quota) names a reason."""
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env),
        pass_fds=tuple(pass_fds),
        start_new_session=True,
    )
    cap = _Capture(output_bytes)
    deadline = time.monotonic() + wall_seconds
    assert proc.stdout is not None and proc.stderr is not None
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    try:
        killed = _pump(proc, cap, deadline, cancel, watch) or _reap(proc, deadline, cancel, watch)
        if killed is not None:
            _kill_group(proc)
            proc.wait()
    finally:
        proc.stdout.close()
        proc.stderr.close()
        if proc.returncode is None:
            _kill_group(proc)
            proc.wait()
    return ExecResult(
        exit_code=None if killed is not None else proc.returncode,
        stdout=cap.text(out_fd),
        stderr=cap.text(err_fd),
        timed_out=killed == "sandbox.wall_clock",
        truncated=cap.truncated,
        killed_reason=killed,
    )
