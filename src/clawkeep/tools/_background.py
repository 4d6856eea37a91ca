"""Background exec jobs: started by `exec` with background, watched and ended by `process`.

A job runs exactly as a foreground exec would (same placement, guard and sandbox, same
wall clock), only without holding the turn. Jobs belong to the session that started
them: another session cannot list, read or kill them. A session holds a few at most.

Ended jobs are kept for polling, but bounded: a session keeps its newest
``MAX_ENDED_PER_SESSION`` and the process its newest ``MAX_ENDED_TOTAL``; older ended jobs
(and their output) are dropped as new ones end, so the table never grows with use.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field

from clawkeep.decision import Deny

__all__ = [
    "MAX_ENDED_PER_SESSION",
    "MAX_ENDED_TOTAL",
    "MAX_JOBS_PER_SESSION",
    "BackgroundJobs",
    "Job",
]

MAX_JOBS_PER_SESSION = 4
MAX_ENDED_PER_SESSION = 8
MAX_ENDED_TOTAL = 64


@dataclass
class Job:
    """One background command."""

    id: str
    owner: tuple[str, str]  # (agent id, session key)
    command: str
    started: float
    cancel: threading.Event
    task: asyncio.Task[str] = field(repr=False)
    ended: int = 0  # order of ending (0: still running)

    @property
    def running(self) -> bool:
        return not self.task.done()


class BackgroundJobs:
    """The jobs of one gateway process, each visible only to its own session."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._ended = 0

    def __len__(self) -> int:
        return len(self._jobs)

    def _finished(self, job: Job) -> None:
        self._ended += 1
        job.ended = self._ended
        self._prune(job.owner)

    def _prune(self, owner: tuple[str, str]) -> None:
        """Drop the oldest ended jobs past the per-session and the total bound."""
        ended = sorted((j for j in self._jobs.values() if j.ended), key=lambda j: j.ended)
        mine = [j for j in ended if j.owner == owner]
        # Memory bounded by use: ended jobs (and their output) cannot pile up.
        drop = mine[: max(0, len(mine) - MAX_ENDED_PER_SESSION)]
        drop += ended[: max(0, len(ended) - MAX_ENDED_TOTAL)]
        for job in drop:
            self._jobs.pop(job.id, None)

    def start(
        self,
        owner: tuple[str, str],
        command: str,
        run: Callable[[threading.Event], Coroutine[object, object, str]],
    ) -> Job | Deny:
        """Start ``run(cancel)`` as a task; refused when the session has too many running."""
        running = [j for j in self._jobs.values() if j.owner == owner and j.running]
        if len(running) >= MAX_JOBS_PER_SESSION:
            return Deny(
                "tools.process.too_many", f"{MAX_JOBS_PER_SESSION} background jobs are running"
            )
        cancel = threading.Event()
        job_id = secrets.token_hex(4)
        while job_id in self._jobs:  # never replace a job (another session's) by its id
            job_id = secrets.token_hex(4)
        task: asyncio.Task[str] = asyncio.get_running_loop().create_task(run(cancel))
        job = Job(job_id, owner, command, time.time(), cancel, task)
        self._jobs[job_id] = job
        task.add_done_callback(lambda _task: self._finished(job))
        return job

    def of(self, owner: tuple[str, str]) -> list[Job]:
        return [j for j in self._jobs.values() if j.owner == owner]

    def get(self, owner: tuple[str, str], job_id: str) -> Job | None:
        job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None  # never another's

    async def kill(self, job: Job, wait_seconds: float = 5.0) -> None:
        job.cancel.set()
        await asyncio.wait({job.task}, timeout=wait_seconds)

    async def aclose(self) -> None:
        for job in self._jobs.values():
            job.cancel.set()
        await asyncio.gather(*(j.task for j in self._jobs.values()), return_exceptions=True)
