"""The operator's choice of agent and session: honoured for the operator only."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from clawkeep.compose import build_install
from clawkeep.contracts import InboundMessage
from clawkeep.sessions import session_key
from tests.conftest import make_install

RAW = {
    "agents": {"list": [{"id": "main", "default": True}, {"id": "helper"}]},
    "channels": {"telegram": {"enabled": True, "dmPolicy": "open", "allowFrom": ["*"]}},
}


def _owner(**kw: object) -> InboundMessage:
    base = InboundMessage("webchat", "api", "operator", "direct", "hi", "r1", is_owner=True)
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def test_only_the_operator_may_choose_the_agent(tmp_path: Path) -> None:
    pipeline = build_install(
        make_install(tmp_path, RAW), {}, agent=False, use_channel_guard=False
    ).pipeline
    chosen = asyncio.run(pipeline.handle(_owner(agent="helper")))
    assert (chosen.kind, chosen.agent_id) == ("admitted", "helper")
    unknown = asyncio.run(pipeline.handle(_owner(agent="root")))
    assert (unknown.kind, unknown.reason) == ("dropped", "routing.unknown_agent")
    stranger = InboundMessage("telegram", "default", "999", "direct", "hi", "r2", agent="helper")
    outcome = asyncio.run(pipeline.handle(stranger))
    assert (outcome.kind, outcome.reason) == ("dropped", "routing.not_owner")
    spoofed = dataclasses.replace(stranger, is_owner=True, session="agent:main:main")
    assert asyncio.run(pipeline.handle(spoofed)).reason == "routing.not_owner"
    plain = InboundMessage("telegram", "default", "999", "direct", "hi", "r3")
    assert asyncio.run(pipeline.handle(plain)).agent_id == "main"


def test_a_session_name_cannot_spell_another_key() -> None:
    named = _owner(session="x:group:y")
    assert session_key("main", named, "main") == "agent:main:webchat:direct:x%3Agroup%3Ay"
    assert session_key("main", _owner(), "main") == "agent:main:main"
