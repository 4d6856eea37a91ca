"""Memory bounded by the caps, driven through the real turn by the attacker's script.

The read tool with a huge offset reads only its window (``pread``), not the file up to it:
the bytes the gateway process read (``rchar`` in /proc/self/io) stay near the limit
however far into a large file the model asks. Background jobs that ended are pruned to a
bound per session and in total, however many the model starts.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from clawkeep.sandbox import backend_available
from clawkeep.tools._background import (
    MAX_ENDED_PER_SESSION,
    MAX_ENDED_TOTAL,
    MAX_JOBS_PER_SESSION,
    BackgroundJobs,
    Job,
)
from tests.e2e.e2e_harness import call, exec_config, host_files_config, install

FILE_BYTES = 256 * 1024 * 1024  # sparse: no disk, but every byte read counts in rchar
MARKER = b"THE-END-OF-THE-BIG-FILE"


def _rchar() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def _big_file(ws: Path) -> int:
    offset = FILE_BYTES - len(MARKER)
    with (ws / "big.log").open("wb") as fh:
        fh.truncate(FILE_BYTES)
        fh.seek(offset)
        fh.write(MARKER)
    return offset


def test_read_with_a_huge_offset_reads_only_its_window(tmp_path: Path) -> None:
    i = install(tmp_path, host_files_config())
    offset = _big_file(i.workspace())
    i.play(
        [
            {"toolCalls": [call("read", path="big.log", limit=4096)]},
            "done",
            {"toolCalls": [call("read", path="big.log", offset=offset, limit=4096)]},
            "done",
        ]
    )
    assert i.turn("read the start of big.log") == "done"  # warm: the guards' models loaded
    before = _rchar()
    assert i.turn("read the end of big.log") == "done"
    read = _rchar() - before
    assert i.results("read") == ["tools.ok", "tools.ok"]
    assert MARKER.decode() in i.tool_texts()[-1]  # the window at the offset, nothing before
    assert read < 16 * 1024 * 1024 < FILE_BYTES  # not the 256 MB up to the offset


def test_read_past_the_end_and_at_the_largest_offset_is_empty_not_an_error(
    tmp_path: Path,
) -> None:
    i = install(tmp_path, host_files_config())
    _big_file(i.workspace())
    i.play(
        [
            {
                "toolCalls": [
                    call("read", path="big.log", offset=FILE_BYTES + 10),
                    call("read", path="big.log", offset=1 << 62),
                    call("read", path="big.log", offset=1 << 63),  # past off_t: refused clearly
                ]
            },
            "done",
        ]
    )
    assert i.turn() == "done"
    assert i.results("read") == ["tools.ok", "tools.ok"]
    assert "tools.bad_arguments" in "\n".join(i.tool_texts())


ROUNDS = 5  # of MAX_JOBS_PER_SESSION background jobs each: more jobs end than are kept


@pytest.fixture
def bwrap() -> None:
    available = backend_available("bwrap")
    if not available.allowed:
        pytest.skip(f"SANDBOX TESTS NOT RUN: {available.reason}: {available.detail}")


@pytest.mark.bwrap
@pytest.mark.usefixtures("bwrap")
def test_ended_background_jobs_are_pruned_to_the_bound(tmp_path: Path) -> None:
    burst = {"toolCalls": [call("exec", command="echo x", background=True)] * MAX_JOBS_PER_SESSION}
    i = install(tmp_path, exec_config("all"))
    i.play([burst, "started"] * ROUNDS + [{"toolCalls": [call("process", action="list")]}, "ok"])
    jobs = i.runtime.services.jobs
    assert jobs is not None

    def owner() -> tuple[str, str]:
        keys = [e.fields["session_key"] for e in i.events.recent if "session_key" in e.fields]
        return ("main", str(keys[-1]))  # the owner's session, as routing named it

    async def scenario() -> None:
        for _ in range(ROUNDS):
            assert await i.aturn("start four more") == "started"
            for job in jobs.of(owner()):  # let them end
                await asyncio.wait({job.task})
        assert await i.aturn("list them") == "ok"

    asyncio.run(scenario())
    started = i.results("exec")
    assert started == ["tools.ok"] * (ROUNDS * MAX_JOBS_PER_SESSION)  # every job ran
    assert len(jobs.of(owner())) == MAX_ENDED_PER_SESSION  # the oldest ended ones were dropped
    listed = i.tool_texts()[-1]
    assert listed.count("ended") == MAX_ENDED_PER_SESSION


def test_ended_jobs_are_bounded_in_total_across_sessions() -> None:
    table = BackgroundJobs()
    owners = [("main", f"session-{n}") for n in range(20)]

    def held() -> int:
        return sum(len(table.of(o)) for o in owners)

    async def quick(_cancel: threading.Event) -> str:
        return "x" * 1000

    async def scenario() -> None:
        for n in range(3 * MAX_ENDED_TOTAL):
            job = table.start(owners[n % len(owners)], "echo", quick)
            assert isinstance(job, Job)
            await asyncio.wait({job.task})
            assert held() <= MAX_ENDED_TOTAL

    asyncio.run(scenario())
    assert held() == MAX_ENDED_TOTAL
    assert all(len(table.of(o)) <= MAX_ENDED_PER_SESSION for o in owners)
