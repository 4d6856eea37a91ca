"""The agent stage's harness: a real install (``tests.conftest.make_install``) built by the
composition root, driven one TurnRequest at a time (the agent turn's own input, so a test
can set the channel, sender, group or flag). Attacks that must start at a channel use
tests/e2e/e2e_harness.py, which delivers through the whole pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clawkeep.agents import AgentRuntime
from clawkeep.agents.providers import Provider, ScriptProvider, load_script
from clawkeep.compose import build_install
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.models import ModelsConfig
from clawkeep.contracts import InboundMessage, TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.sessions import TranscriptStore
from clawkeep.tools import ToolServices
from tests.conftest import AGENTS, SOUL, make_install

__all__ = ["SEED_DENY", "Harness", "build", "call", "request"]

SEED_DENY = ["gateway", "exec", "process", "canvas", "nodes"]


@dataclass
class Harness:
    tmp: Path
    paths: InstallPaths
    config: RootConfig
    store: TranscriptStore
    events: EventLog
    runtime: AgentRuntime
    scripts: dict[str, ScriptProvider]

    def workspace(self, agent_id: str = "main") -> Path:
        return self.tmp / f"ws-{agent_id}"

    def reasons(self, kind: str) -> list[str]:
        return [e.reason for e in self.events.recent if e.kind == kind]

    def events_for(self, kind: str, tool: str) -> list[str]:
        return [
            e.reason for e in self.events.recent if e.kind == kind and e.fields.get("tool") == tool
        ]

    def offered(self, agent_id: str = "main", turn: int = 0) -> tuple[str, ...]:
        return self.scripts[agent_id].requests[turn][2]

    async def turn(self, text: str = "hello", **kw: Any) -> str | None:
        req = request(text, **kw)
        self.store.append(req.session_key, "user", text, meta={"channel": req.message.channel})
        return await self.runtime.respond(req)


def call(name: str, **arguments: Any) -> dict[str, Any]:
    return {"name": name, "arguments": arguments}


def request(
    text: str = "hello",
    *,
    agent: str = "main",
    session_key: str | None = None,
    channel: str = "webchat",
    sender: str = "owner",
    group: str | None = None,
    flagged: bool = False,
    denied: frozenset[str] = frozenset(),
) -> TurnRequest:
    msg = InboundMessage(
        channel=channel,
        account="default",
        sender=sender,
        chat_type="group" if group else "direct",
        text=text,
        raw_id="r1",
        group=group,
        is_owner=channel == "webchat",  # the web chat is the operator's channel
    )
    key = session_key or f"agent:{agent}:{channel}:direct:{sender}"
    return TurnRequest(msg, agent, key, flagged, ("flagged",) if flagged else (), denied)


def build(
    tmp: Path,
    raw_config: dict[str, Any],
    scripts: dict[str, list[Any]] | None = None,
    *,
    services: ToolServices | None = None,
    providers: dict[str, Provider] | None = None,
    models: ModelsConfig | None = None,
) -> Harness:
    raw_config.setdefault("agents", {}).setdefault("list", [{"id": "main"}])
    loaded = make_install(tmp, raw_config, soul=SOUL, agents_md=AGENTS)
    paths, config = loaded.paths, loaded.config
    script_providers = {a: ScriptProvider(load_script(t)) for a, t in (scripts or {}).items()}
    all_providers: dict[str, Provider] = {**script_providers, **(providers or {})}
    options: dict[str, Any] = {"providers": all_providers}
    if models is not None:
        options["models"] = models
    parts = build_install(
        loaded,
        {},
        events=EventLog(paths.state_dir / "logs" / "events.jsonl"),
        use_channel_guard=False,
        services=services or ToolServices(),
        runtime_options=options,
    )
    assert parts.runtime is not None
    store, events, runtime = parts.store, parts.events, parts.runtime
    return Harness(tmp, paths, config, store, events, runtime, script_providers)
