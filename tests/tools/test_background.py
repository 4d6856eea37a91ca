"""Background exec and the process tool: same sandbox, bounded, and private to a session."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest

from clawkeep.agents.dispatch import dispatch
from clawkeep.agents.providers import ToolCall
from clawkeep.sandbox import backend_available
from clawkeep.tools import ToolContext, ToolResult, ToolServices
from clawkeep.tools._background import MAX_JOBS_PER_SESSION, BackgroundJobs
from clawkeep.tools.registry import NATIVE_TOOLS
from tests.tools.tool_context import make_ctx

RAW = {"tools": {"exec": {"security": "full"}}}


@pytest.fixture(autouse=True)
def _bwrap() -> None:
    available = backend_available()
    if not available.allowed:
        pytest.skip(f"SANDBOX TESTS NOT RUN: {available.reason}")


async def call(ctx: ToolContext, name: str, **arguments: Any) -> ToolResult:
    return await dispatch(ToolCall("c1", name, arguments), NATIVE_TOOLS, ctx)


def _job_id(result: ToolResult) -> str:
    assert result.ok, result.text
    return result.text.split("background job ")[1].split(";")[0]


def test_background_job_runs_in_the_sandbox_and_is_polled(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, RAW, services=ToolServices(jobs=BackgroundJobs()))

    async def scenario() -> tuple[str, str]:
        started = await call(
            ctx, "exec", command="sleep 0.5; echo done > out.txt; echo done", background=True
        )
        job = _job_id(started)
        early = (await call(ctx, "process", action="poll", job_id=job)).text
        for _ in range(100):
            late = await call(ctx, "process", action="poll", job_id=job)
            if "exit code" in late.text:
                return early, late.text
            await asyncio.sleep(0.1)
        raise AssertionError("the job never ended")

    early, late = asyncio.run(scenario())
    assert "running" in early
    assert "exit code: 0" in late and "done" in late
    assert (tmp_path / "ws" / "out.txt").read_text() == "done\n"


def test_kill_stops_a_runaway_job(tmp_path: Path) -> None:
    jobs = BackgroundJobs()
    ctx = make_ctx(tmp_path, RAW, services=ToolServices(jobs=jobs))

    async def scenario() -> tuple[str, float]:
        job = _job_id(await call(ctx, "exec", command="sleep 30; touch LATE", background=True))
        await asyncio.sleep(0.3)
        start = time.monotonic()
        await call(ctx, "process", action="kill", job_id=job)
        took = time.monotonic() - start
        return (await call(ctx, "process", action="poll", job_id=job)).text, took

    text, took = asyncio.run(scenario())
    assert "sandbox.cancelled" in text
    assert took < 5  # ended by the kill, not by the 30 s sleep
    assert not (tmp_path / "ws" / "LATE").exists()


def test_another_session_cannot_see_or_kill_a_job(tmp_path: Path) -> None:
    jobs = BackgroundJobs()
    mine = make_ctx(tmp_path, RAW, services=ToolServices(jobs=jobs))
    theirs = dataclasses.replace(mine, session_key="agent:main:webchat:direct:someone-else")

    async def scenario() -> tuple[ToolResult, ToolResult, ToolResult]:
        job = _job_id(await call(mine, "exec", command="sleep 1", background=True))
        listed = await call(theirs, "process", action="list")
        killed = await call(theirs, "process", action="kill", job_id=job)
        polled = await call(theirs, "process", action="poll", job_id=job)
        await jobs.aclose()
        return listed, killed, polled

    listed, killed, polled = asyncio.run(scenario())
    assert listed.text == "no background jobs"
    assert killed.reason == "tools.process.not_found"
    assert polled.reason == "tools.process.not_found"


def test_a_session_cannot_start_unbounded_jobs(tmp_path: Path) -> None:
    jobs = BackgroundJobs()
    ctx = make_ctx(tmp_path, RAW, services=ToolServices(jobs=jobs))

    async def scenario() -> list[ToolResult]:
        results = [
            await call(ctx, "exec", command="sleep 5", background=True)
            for _ in range(MAX_JOBS_PER_SESSION + 1)
        ]
        await jobs.aclose()
        return results

    results = asyncio.run(scenario())
    assert all(r.ok for r in results[:-1])
    assert results[-1].reason == "tools.process.too_many"
