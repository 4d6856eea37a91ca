"""Where sandboxed commands wait and run: threads of their own, never the asyncio default
executor that the gateway's turns (the owner's included) need for their own blocking work.

The owner's commands run on a pool of their own, so the owner never waits behind a
stranger's `sleep 45`. Everyone else shares a bounded pool in arrival order, and each
sender (session) may hold only a few commands queued or running at once: more are
refused at once (``sandbox.queue_full``), not queued without end.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from clawkeep.decision import Deny

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

    def held(self, lane: str) -> int:
        """Commands of ``lane`` queued or running now."""
        with self._lock:
            return self._lanes.get(lane, 0)

    def _enter(self, lane: str, owner: bool) -> Deny | None:
        with self._lock:
            held = self._lanes.get(lane, 0)
            if not owner:
                if held >= self.per_sender:
                    # One sender cannot queue without end: its own bounded queue is full.
                    return Deny(
                        "sandbox.queue_full",
                        f"{held} commands of this session are queued or running; wait",
                    )
                if sum(self._lanes.values()) >= self.queued_total:
                    return Deny("sandbox.queue_full", "the gateway's sandbox queue is full")
            self._lanes[lane] = held + 1
        return None

    def _leave(self, lane: str) -> None:
        with self._lock:
            held = self._lanes.get(lane, 1) - 1
            if held <= 0:
                self._lanes.pop(lane, None)
            else:
                self._lanes[lane] = held

    async def run(self, lane: str, owner: bool, work: Callable[[], T]) -> T | Deny:
        """``work()`` on the owner's pool or the strangers' one; Deny when the lane is full."""
        refused = self._enter(lane, owner)
        if refused is not None:
            return refused
        pool = self._owner if owner else self._strangers  # strangers never take the owner's
        try:
            future = pool.submit(work)
        except RuntimeError:  # the pool was shut down
            self._leave(lane)
            raise
        # The lane is freed when the command ends (or is cancelled before it starts), not
        # when the turn stops waiting: an abandoned command still counts until it is over.
        future.add_done_callback(lambda _f: self._leave(lane))
        return await asyncio.wrap_future(future)


@functools.cache
def default_pool() -> SandboxPool:
    """The gateway process's pool (created on first use)."""
    return SandboxPool()
