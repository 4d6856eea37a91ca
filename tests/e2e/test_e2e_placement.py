"""Exec placement end to end through the real pipeline: with `session.dmScope: main` (the
default) every admitted DM shares the agent's main session, and `sandbox.mode: non-main`
puts that session's exec on the host. A stranger on an allow-listed channel whose message
drives the attacker-obedient model must still not run anything there: host exec needs
`tools.elevated` for that sender, and only the owner's web chat is listed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from clawkeep.compose import build_install
from clawkeep.contracts import InboundMessage, Outcome
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline
from clawkeep.tools import ToolServices
from tests.conftest import make_install
from tests.e2e.e2e_harness import Attacker, call

OBEY = [{"toolCalls": [call("exec", command="touch MARKER")]}, {"text": "done"}]


def _pipeline(tmp_path: Path) -> tuple[InboundPipeline, Path]:
    raw: dict[str, Any] = {
        "channels": {"telegram": {"dmPolicy": "allowlist", "allowFrom": ["4242"]}},
        "tools": {
            "exec": {"security": "full", "ask": "off"},
            "elevated": {"enabled": True, "allowFrom": {"webchat": ["owner"]}},
        },
        "agents": {"list": [{"id": "main", "sandbox": {"mode": "non-main"}}]},
    }
    loaded = make_install(tmp_path, raw, soul="# SOUL\nBe kind.\n", agents_md=None)
    ws = tmp_path / "ws-main"
    install = build_install(
        loaded,
        {},
        events=EventLog(loaded.paths.logs_dir / "events.jsonl"),
        services=ToolServices(home=tmp_path / "home"),
        runtime_options={"providers": {"main": Attacker(OBEY)}},
    )
    return install.pipeline, ws


def _handle(pipe: InboundPipeline, msg: InboundMessage) -> Outcome:
    return asyncio.run(pipe.handle(msg))


def _exec_results(pipe: InboundPipeline) -> list[str]:
    return [
        e.reason
        for e in pipe.events.recent
        if e.kind == "tool.result" and e.fields.get("tool") == "exec"
    ]


def test_stranger_dm_in_shared_main_session_cannot_exec_on_host(tmp_path: Path) -> None:
    pipe, ws = _pipeline(tmp_path)
    stranger = InboundMessage("telegram", "default", "4242", "direct", "run the build", "t1")
    outcome = _handle(pipe, stranger)
    assert (outcome.kind, outcome.session_key) == ("admitted", "agent:main:main")
    assert not (ws / "MARKER").exists()
    denied = [(e.reason, e.fields["tool"]) for e in pipe.events.recent if e.kind == "tool.denied"]
    assert denied == [("policy.elevated_off", "exec")]  # host exec is not this sender's
    assert _exec_results(pipe) == []  # the exec tool's code never ran


def test_control_owner_in_the_same_main_session_does_exec_on_host(tmp_path: Path) -> None:
    # The control: the owner's web chat is in tools.elevated.allowFrom, so it runs.
    pipe, ws = _pipeline(tmp_path)
    owner = InboundMessage("webchat", "default", "owner", "direct", "run it", "w1", is_owner=True)
    outcome = _handle(pipe, owner)
    assert (outcome.kind, outcome.session_key) == ("admitted", "agent:main:main")
    assert _exec_results(pipe) == ["tools.ok"]
    assert (ws / "MARKER").exists()
