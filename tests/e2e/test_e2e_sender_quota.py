"""One stranger's sandboxed commands share one disk quota, however many sessions they have.

The scripted model obeys each stranger through the real turn; the commands run in the
real bubblewrap sandbox on an rw workspace. A stranger whose DM session holds a running
command cannot fill a second quota from a group session; another stranger still can
run (the quota is per sender, not one for everyone).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from clawkeep.contracts import InboundMessage, TurnRequest
from clawkeep.decision import Deny
from clawkeep.sandbox import backend_available
from clawkeep.sandbox.pool import default_pool
from tests.e2e.e2e_harness import Install, call, exec_config, install

MIB = 1024 * 1024
QUOTA_MB = 16


@pytest.fixture(autouse=True)
def bwrap() -> None:
    available = backend_available("bwrap")
    if isinstance(available, Deny):
        pytest.skip(f"SANDBOX TESTS NOT RUN: {available.reason}: {available.detail}")


def _install(tmp_path: Path) -> Install:
    raw = exec_config("all", "rw", {"diskQuotaMb": QUOTA_MB, "wallSeconds": 120})
    raw["guards"] = {"content": {"enabled": False}}  # every exec result must be seen
    raw["tools"]["untrusted"] = {"mode": "off"}  # the sandbox beneath every rule
    return install(tmp_path, raw, {"main": [{"text": "ok"}]})


def _request(i: Install, sender: str, group: str | None) -> TurnRequest:
    kind: Any = "group" if group else "direct"
    msg = InboundMessage(
        "webchat", "default", sender, kind, "run it", f"{sender}-{group}", group=group
    )
    key = f"agent:main:webchat:{kind}:{group or sender}"
    i.store.append(key, "user", "run it", meta={"channel": "webchat"})
    return TurnRequest(msg, "main", key)


def _write(name: str, mib: int) -> str:
    return f"head -c {mib * MIB} /dev/zero > {name} && echo {name}-written"


async def _until(check: Any) -> None:
    # Waits for the real condition; the bound only turns a hang into a failure.
    for _ in range(6000):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the condition never came")


def test_second_session_of_one_stranger_gets_no_second_disk_quota(tmp_path: Path) -> None:
    i = _install(tmp_path)
    ws = i.workspace()
    hold = _write("a.bin", 12) + "; while [ ! -e release ]; do sleep 0.1; done"

    async def scenario() -> None:
        i.play([{"toolCalls": [call("exec", command=hold)]}])
        first = asyncio.create_task(i.runtime.respond(_request(i, "stranger1", None)))
        await _until(lambda: (ws / "a.bin").exists() and (ws / "a.bin").stat().st_size >= 12 * MIB)
        # The same stranger, from a group session: a second command while the first runs.
        i.play([{"toolCalls": [call("exec", command=_write("b.bin", 12))]}, {"text": "b"}])
        await i.runtime.respond(_request(i, "stranger1", "g1"))
        # Another stranger is not held back by the first one's quota.
        i.play([{"toolCalls": [call("exec", command=_write("c.bin", 12))]}, {"text": "c"}])
        await i.runtime.respond(_request(i, "stranger2", None))
        i.play([{"text": "a"}])
        (ws / "release").touch()
        await first

    asyncio.run(scenario())
    assert i.results("exec") == ["sandbox.disk_quota", "tools.ok", "tools.ok"]
    shown = i.shown()
    assert "this sender's running commands hold the whole disk quota" in shown
    assert not (ws / "b.bin").exists()  # never written: the command never started
    assert "c.bin-written" in shown and (ws / "c.bin").stat().st_size == 12 * MIB
    assert default_pool().disk_held("webchat:stranger1") == 0  # given back at the end


def test_the_quota_comes_back_when_the_senders_command_ends(tmp_path: Path) -> None:
    i = _install(tmp_path)

    async def scenario() -> None:
        for name, group in (("a.bin", None), ("b.bin", "g1")):
            i.play([{"toolCalls": [call("exec", command=_write(name, 12))]}, {"text": "ok"}])
            await i.runtime.respond(_request(i, "stranger1", group))

    asyncio.run(scenario())
    assert i.results("exec") == ["tools.ok", "tools.ok"]  # one after the other: both run


def test_a_turn_the_stranger_delegates_shares_their_quota(tmp_path: Path) -> None:
    raw = exec_config("all", "rw", {"diskQuotaMb": QUOTA_MB, "wallSeconds": 120})
    main = raw["agents"]["list"][0]
    main["subagents"] = {"allowAgents": ["helper"]}
    raw["agents"]["list"].append({"id": "helper", "sandbox": dict(main["sandbox"])})
    raw["guards"] = {"content": {"enabled": False}}
    raw["tools"]["untrusted"] = {"mode": "off"}
    i = install(tmp_path, raw, {"main": [{"text": "ok"}], "helper": [{"text": "ok"}]})
    ws = i.workspace()
    hold = _write("a.bin", 12) + "; while [ ! -e release ]; do sleep 0.1; done"

    async def scenario() -> None:
        i.play([{"toolCalls": [call("exec", command=hold)]}])
        first = asyncio.create_task(i.runtime.respond(_request(i, "stranger1", None)))
        await _until(lambda: (ws / "a.bin").exists() and (ws / "a.bin").stat().st_size >= 12 * MIB)
        # From a group session, the stranger has main delegate the write to the helper.
        send = call("sessions_send", agentId="helper", message="write the file")
        i.play([{"toolCalls": [send]}, {"text": "relayed"}])
        i.play(
            [{"toolCalls": [call("exec", command=_write("h.bin", 12))]}, {"text": "h"}], "helper"
        )
        await i.runtime.respond(_request(i, "stranger1", "g1"))
        i.play([{"text": "a"}])
        (ws / "release").touch()
        await first

    asyncio.run(scenario())
    assert i.results("exec") == ["sandbox.disk_quota", "tools.ok"]
    assert not (i.workspace("helper") / "h.bin").exists()
    assert default_pool().disk_held("webchat:stranger1") == 0
