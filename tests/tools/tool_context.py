"""A ToolContext for one agent in a temporary install, and a call helper through dispatch."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from clawkeep.agents.dispatch import dispatch
from clawkeep.agents.providers import ToolCall
from clawkeep.config.agents import resolve_agents
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.events.log import EventLog
from clawkeep.policy import PolicyContext, resolve_policy
from clawkeep.sessions import TranscriptStore
from clawkeep.tools import ToolContext, ToolResult, ToolServices
from clawkeep.tools.registry import NATIVE_TOOLS

__all__ = ["make_ctx", "run_tool"]


def make_ctx(
    tmp: Path,
    raw: dict[str, Any] | None = None,
    *,
    sandboxed: bool = True,
    session_key: str = "agent:main:webchat:direct:u1",
    services: ToolServices | None = None,
    sender: str | None = "u1",
) -> ToolContext:
    raw = dict(raw or {})
    ws = tmp / "ws"
    ws.mkdir(exist_ok=True)
    raw.setdefault(
        "agents",
        {
            "list": [
                {
                    "id": "main",
                    "workspace": str(ws),
                    "sandbox": {"mode": "all", "workspaceAccess": "rw"},
                }
            ]
        },
    )
    state = tmp / "state"
    state.mkdir(mode=0o700, exist_ok=True)
    config = RootConfig.model_validate(raw)
    paths = InstallPaths("clawkeep", state, state / "clawkeep.json")
    agent = resolve_agents(config, paths)[0]
    policy = resolve_policy(
        config,
        PolicyContext(agent.id, channel="webchat", sender=sender, sandboxed=sandboxed),
        implemented=NATIVE_TOOLS,
    )
    return ToolContext(
        agent=agent,
        session_key=session_key,
        config=config,
        paths=paths,
        policy=policy,
        sandboxed=sandboxed,
        session_is_main=session_key == f"agent:{agent.id}:main",
        store=TranscriptStore.open(state / "t.sqlite"),
        events=EventLog(None),
        services=services or ToolServices(),
    )


def run_tool(ctx: ToolContext, name: str, **arguments: Any) -> ToolResult:
    return asyncio.run(dispatch(ToolCall("c1", name, arguments), NATIVE_TOOLS, ctx))
