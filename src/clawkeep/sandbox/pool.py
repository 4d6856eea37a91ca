"""Where sandboxed commands wait and run: threads of their own, never the asyncio default
executor that the gateway's turns (the owner's included) need for their own blocking work.

The owner's commands run on a pool of their own, so the owner never waits behind a
stranger's `sleep 45`. Everyone else shares a bounded pool in arrival order, and each
sender (a lane: the sender's id where the turn has one, else the session) may hold only a
few commands queued or running at once: more are refused at once
(``sandbox.queue_full``), not queued without end.

In the strangers' pool, `limits.diskQuotaMb` is also what one sender's commands may fill
all together, not each: a command is given what the sender's other running commands
have left of it (its tmpfs size, or its watched growth), and is refused
(``sandbox.disk_quota``) when they hold all of it. So two sessions of one stranger, or
their background jobs, cannot fill twice the quota.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

from clawkeep.decision import Deny
from clawkeep.sandbox.runner import run_sandboxed
from clawkeep.sandbox.spec import ExecResult, SandboxSpec

__all__ = ["OWNER_WORKERS", "PER_SENDER", "WORKERS", "SandboxPool", "default_pool"]

T = TypeVar("T")

WORKERS = 8  # threads running strangers' sandboxed commands, all senders together
OWNER_WORKERS = 4  # threads for the owner's commands alone
PER_SENDER = 5  # one foreground command and the background jobs of one session
QUEUED_TOTAL = 64  # strangers' commands queued or running, all senders together


class SandboxPool:
    """Two bounded thread pools and a per-sender count; safe to share across event loops."""

    def __init__(
        self,
        workers: int = WORKERS,
        owner_workers: int = OWNER_WORKERS,
        per_sender: int = PER_SENDER,
        queued_total: int = QUEUED_TOTAL,
    ) -> None:
        self.per_sender, self.queued_total = per_sender, queued_total
        self._strangers = ThreadPoolExecutor(workers, thread_name_prefix="clawkeep-sandbox")
        self._owner = ThreadPoolExecutor(owner_workers, thread_name_prefix="clawkeep-owner")
        self._lock = threading.Lock()
        self._lanes: dict[str, int] = {}
        self._disk: dict[str, int] = {}  # MiB of quota a stranger's running commands hold

    def held(self, lane: str) -> int:
        """Commands of ``lane`` queued or running now."""
        with self._lock:
            return self._lanes.get(lane, 0)

    def disk_held(self, lane: str) -> int:
        """MiB of disk quota the running commands of ``lane`` hold now."""
        with self._lock:
            return self._disk.get(lane, 0)

    def _enter(self, lane: str, owner: bool, disk_mb: int = 0) -> int | Deny:
        """Take a slot of ``lane``; the MiB of disk quota its command gets (strangers: what
        the lane's other commands left of ``disk_mb``), or why not."""
        with self._lock:
            held = self._lanes.get(lane, 0)
            granted = disk_mb
            if not owner:
                if held >= self.per_sender:
                    # One sender cannot queue without end: its own bounded queue is full.
                    return Deny(
                        "sandbox.queue_full",
                        f"{held} commands of this session are queued or running; wait",
                    )
                if sum(self._lanes.values()) >= self.queued_total:
                    return Deny("sandbox.queue_full", "the gateway's sandbox queue is full")
                in_use = self._disk.get(lane, 0) if disk_mb else 0
                granted = disk_mb - in_use
                if disk_mb and granted < 1:
                    # One sender's commands share one quota: a second session adds none.
                    return Deny(
                        "sandbox.disk_quota",
                        f"this sender's running commands hold the whole disk quota "
                        f"({in_use} MiB of {disk_mb}); wait for them to end",
                    )
                if disk_mb:
                    self._disk[lane] = in_use + granted
            self._lanes[lane] = held + 1
        return granted

    def _leave(self, lane: str, disk_mb: int = 0, owner: bool = True) -> None:
        with self._lock:
            held = self._lanes.get(lane, 1) - 1
            if held <= 0:
                self._lanes.pop(lane, None)
            else:
                self._lanes[lane] = held
            if not owner and disk_mb:
                left = self._disk.get(lane, 0) - disk_mb
                if left <= 0:
                    self._disk.pop(lane, None)
                else:
                    self._disk[lane] = left

    async def run(self, lane: str, owner: bool, work: Callable[[], T]) -> T | Deny:
        """``work()`` on the owner's pool or the strangers' one; Deny when the lane is full."""
        entered = self._enter(lane, owner)
        if isinstance(entered, Deny):
            return entered
        return await self._submit(lane, owner, work, 0)

    async def run_command(
        self, lane: str, owner: bool, command: Sequence[str] | str, spec: SandboxSpec
    ) -> ExecResult | Deny:
        """`run_sandboxed` in ``lane``; a stranger's command gets the disk quota its lane
        has left (see the module's docstring)."""
        entered = self._enter(lane, owner, spec.limits.disk_quota_mb)
        if isinstance(entered, Deny):
            return entered
        if not owner:
            spec = replace(spec, limits=replace(spec.limits, disk_quota_mb=entered))
        work = functools.partial(run_sandboxed, command, spec)
        return await self._submit(lane, owner, work, entered)

    async def _submit(self, lane: str, owner: bool, work: Callable[[], T], disk_mb: int) -> T:
        pool = self._owner if owner else self._strangers  # strangers never take the owner's
        try:
            future = pool.submit(work)
        except RuntimeError:  # the pool was shut down
            self._leave(lane, disk_mb, owner)
            raise
        # The lane is freed when the command ends (or is cancelled before it starts), not
        # when the turn stops waiting: an abandoned command still counts until it is over.
        future.add_done_callback(lambda _f: self._leave(lane, disk_mb, owner))
        return await asyncio.wrap_future(future)


@functools.cache
def default_pool() -> SandboxPool:
    """The gateway process's pool (created on first use)."""
    return SandboxPool()
