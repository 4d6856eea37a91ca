"""Background exec jobs: started by `exec` with background, watched and ended by `process`.

A job runs exactly as a foreground exec would (same placement, guard and sandbox, same
wall clock), only without holding the turn. Jobs belong to the session that started
them: another session cannot list, read or kill them. A session holds a few at most.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field

from clawkeep.decision import Deny

__all__ = ["MAX_JOBS_PER_SESSION", "BackgroundJobs", "Job"]

MAX_JOBS_PER_SESSION = 4


@dataclass
class Job:
    """One background command."""

    id: str
    owner: tuple[str, str]  # (agent id, session key)
    command: str
    started: float
    cancel: threading.Event
    task: asyncio.Task[str] = field(repr=False)

    @property
    def running(self) -> bool:
        return not self.task.done()


class BackgroundJobs:
    """The jobs of one gateway process, each visible only to its own session."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

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
        task: asyncio.Task[str] = asyncio.get_running_loop().create_task(run(cancel))
        job = Job(job_id, owner, command, time.time(), cancel, task)
        self._jobs[job_id] = job
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
