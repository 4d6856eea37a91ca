"""The sandbox pools: a stranger's session cannot queue without bound, and the owner's
work never waits for the strangers' pool."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace

from clawkeep.decision import Deny
from clawkeep.sandbox import ExecResult
from clawkeep.sandbox.pool import SandboxPool
from tests.sandbox.sandbox_helpers import Install


def test_a_sessions_queue_is_bounded_and_refuses_at_once() -> None:
    pool = SandboxPool(workers=1, owner_workers=1, per_sender=2, queued_total=10)
    release = threading.Event()

    async def scenario() -> list[object]:
        first = asyncio.create_task(pool.run("s1", False, release.wait))
        second = asyncio.create_task(pool.run("s1", False, release.wait))
        await asyncio.sleep(0.05)
        third = await pool.run("s1", False, lambda: "ran")  # over the session's bound
        other = asyncio.create_task(pool.run("s2", False, lambda: "s2 ran"))
        release.set()
        return [third, await first, await second, await other]

    third, first, second, other = asyncio.run(scenario())
    assert isinstance(third, Deny) and third.reason == "sandbox.queue_full"
    assert first is True and second is True
    assert other == "s2 ran"
    assert pool.held("s1") == 0  # every slot came back


def test_owner_runs_while_every_stranger_thread_is_busy() -> None:
    pool = SandboxPool(workers=2, owner_workers=1, per_sender=1, queued_total=10)
    release = threading.Event()

    async def scenario() -> tuple[str | Deny, bool]:
        strangers = [asyncio.create_task(pool.run(f"s{n}", False, release.wait)) for n in range(4)]
        await asyncio.sleep(0.05)
        owner = await pool.run("owner", True, lambda: "owner ran")
        waiting = not any(t.done() for t in strangers)  # the owner did not wait for them
        release.set()
        await asyncio.gather(*strangers)
        return owner, waiting

    owner, waiting = asyncio.run(scenario())
    assert owner == "owner ran"
    assert waiting


def test_total_queue_of_strangers_is_bounded() -> None:
    pool = SandboxPool(workers=1, owner_workers=1, per_sender=5, queued_total=3)
    release = threading.Event()

    async def scenario() -> tuple[str | Deny, str | Deny]:
        held = [asyncio.create_task(pool.run(f"s{n}", False, release.wait)) for n in range(3)]
        await asyncio.sleep(0.05)
        refused = await pool.run("s9", False, lambda: "ran")
        owner = await pool.run("owner", True, lambda: "owner ran")  # never counted in
        release.set()
        await asyncio.gather(*held)
        return refused, owner

    refused, owner = asyncio.run(scenario())
    assert isinstance(refused, Deny) and refused.reason == "sandbox.queue_full"
    assert owner == "owner ran"


def test_a_strangers_command_gets_what_their_running_commands_left_of_the_disk_quota(
    bwrap: None, install: Install
) -> None:
    # Real bubblewrap, scratch workspaces: the tmpfs size is the grant, so the write shows it.
    pool = SandboxPool(workers=2, owner_workers=1, per_sender=5, queued_total=10)
    stop = threading.Event()
    fill = "head -c 16777216 /dev/zero > big 2>/dev/null; wc -c < big"

    async def scenario() -> tuple[object, object, object, int, int]:
        holder = replace(install.spec("none", disk_quota_mb=10, wall_seconds=60), cancel=stop)
        first = asyncio.create_task(pool.run_command("tg:stranger", False, "sleep 50", holder))
        await asyncio.sleep(0)  # the first command has taken its share
        held = pool.disk_held("tg:stranger")
        spec = install.spec("none", disk_quota_mb=16)
        second = await pool.run_command("tg:stranger", False, fill, spec)  # 16 - 10 left
        other = await pool.run_command("tg:other", False, fill, spec)  # another sender: all 16
        owner = await pool.run_command("owner", True, fill, spec)  # the owner: never counted
        stop.set()
        await first
        return second, other, owner, held, pool.disk_held("tg:stranger")

    second, other, owner, held, after = asyncio.run(scenario())
    assert held == 10
    assert isinstance(second, ExecResult) and second.stdout.strip() == str(6 * 1024 * 1024)
    assert isinstance(other, ExecResult) and other.stdout.strip() == str(16 * 1024 * 1024)
    assert isinstance(owner, ExecResult) and owner.stdout.strip() == str(16 * 1024 * 1024)
    assert after == 0  # the share came back when the first command ended


def test_a_stranger_whose_commands_hold_the_whole_quota_is_refused_at_once(
    bwrap: None, install: Install
) -> None:
    pool = SandboxPool(workers=2, owner_workers=1, per_sender=5, queued_total=10)
    stop = threading.Event()

    async def scenario() -> object:
        holder = replace(install.spec("none", disk_quota_mb=16, wall_seconds=60), cancel=stop)
        first = asyncio.create_task(pool.run_command("tg:stranger", False, "sleep 50", holder))
        await asyncio.sleep(0)
        spec = install.spec("none", disk_quota_mb=16)
        refused = await pool.run_command("tg:stranger", False, "true", spec)
        stop.set()
        await first
        return refused

    refused = asyncio.run(scenario())
    assert isinstance(refused, Deny) and refused.reason == "sandbox.disk_quota"
