"""A real install for the end-to-end attack tests: state dir with config and credentials,
a fake home with SSH keys, agent workspaces, built by the composition root
(``clawkeep.compose.build_install``: stores, agent runtime, inbound pipeline), with a
model that is a script obeying the attacker.

Every test delivers a message at a channel (the web chat adapter, as the gateway does),
which goes through the whole pipeline (access -> commands -> routing -> agent turn ->
policy -> tool -> guard -> sandbox); then it looks at the world: files, listeners,
sessions, and what the model was shown. The channel guard is off unless a test asks for
it, so each attack reaches the hard layer under test instead of being stopped earlier.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from clawkeep.agents import AgentRuntime
from clawkeep.agents.providers import Provider, ScriptProvider, load_script
from clawkeep.agents.providers.types import AssistantTurn, Message, ToolSpec
from clawkeep.approvals import ApprovalStore
from clawkeep.channels.webchat import webchat_message
from clawkeep.compose import build_install
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore
from clawkeep.tools import ToolServices
from tests.conftest import AGENTS, SOUL, make_install

__all__ = [
    "CONFIG_SECRET",
    "CREDENTIAL_SECRET",
    "OUTSIDE_SECRET",
    "SSH_SECRET",
    "Attacker",
    "Install",
    "Snapshot",
    "call",
    "exec_config",
    "host_files_config",
    "install",
    "message",
    "snapshot",
]

OUTSIDE_SECRET = "OUTSIDE-SECRET-7f3a"
SSH_SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- SSH-SECRET-91c2"
CONFIG_SECRET = "CONFIG-SECRET-gw-token-55aa"
CREDENTIAL_SECRET = "CREDENTIAL-SECRET-bot-token-0b1e"


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes and mtime: equal snapshots mean the file was not changed."""

    path: Path
    data: bytes | None
    mtime_ns: int | None

    def unchanged(self) -> bool:
        return snapshot(self.path) == self


def snapshot(path: Path) -> Snapshot:
    try:
        return Snapshot(path, path.read_bytes(), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return Snapshot(path, None, None)


def call(name: str, **arguments: Any) -> dict[str, Any]:
    """One scripted tool call, as the model would emit it."""
    return {"name": name, "arguments": arguments}


def message(text: str, *, sender: str = "owner", channel: str = "webchat") -> InboundMessage:
    return InboundMessage(channel, "default", sender, "direct", text, "r1", is_owner=True)


def host_files_config() -> dict[str, Any]:
    """File tools on the host (sandbox off): the file-guard is the only thing in the way."""
    return {"agents": {"list": [{"id": "main", "sandbox": {"mode": "off"}}]}}


def exec_config(
    mode: str = "all", access: str = "rw", limits: dict[str, Any] | None = None
) -> dict[str, Any]:
    """exec switched fully on; ``mode: off`` runs it on the host (elevated for webchat),
    without asking the owner (``tools.exec.ask: off``; unknown code is still held)."""
    sandbox: dict[str, Any] = {"mode": mode, "workspaceAccess": access}
    if limits:
        sandbox["limits"] = limits
    return {
        "tools": {
            "exec": {"security": "full", "ask": "off"},
            "elevated": {"enabled": mode == "off", "allowFrom": {"webchat": ["*"]}},
        },
        "agents": {"list": [{"id": "main", "sandbox": sandbox}]},
    }


class Attacker:
    """The attacker-obedient model: the real ``script`` provider, its script set by the test
    (``play``) once the install's paths are known; records every request it receives."""

    def __init__(self, turns: list[Any] | None = None) -> None:
        self.requests: list[tuple[str, tuple[Message, ...], tuple[str, ...]]] = []
        self._script = ScriptProvider(load_script(turns or []))

    def play(self, turns: list[Any]) -> None:
        self._script = ScriptProvider(load_script(turns))

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn:
        self.requests.append((system, tuple(messages), tuple(t.name for t in tools)))
        return await self._script.complete(system, messages, tools)


@dataclass
class Install:
    tmp: Path
    paths: InstallPaths
    config: RootConfig
    store: TranscriptStore
    events: EventLog
    runtime: AgentRuntime
    pipeline: InboundPipeline
    scripts: dict[str, Attacker]
    home: Path
    outside: Path  # a directory beside the workspace, holding secret.txt
    secrets: list[Snapshot] = field(default_factory=list)
    approvals: ApprovalStore | None = None

    def play(self, turns: list[Any], agent_id: str = "main") -> None:
        self.scripts[agent_id].play(turns)

    def workspace(self, agent_id: str = "main") -> Path:
        return self.tmp / f"ws-{agent_id}"

    def turn(self, text: str = "please do this") -> str | None:
        return asyncio.run(self.aturn(text))

    async def aturn(self, text: str = "please do this") -> str | None:
        """The owner sends ``text`` in the web chat; the agent's reply, if any."""
        msg = webchat_message({"type": "chat", "text": text})
        assert not isinstance(msg, Deny), msg
        outcome = await self.pipeline.handle(msg)
        assert outcome.kind == "admitted", outcome  # the attack must reach the agent
        return outcome.reply

    def results(self, tool: str) -> list[str]:
        """Reason codes of the tool's results, in order (``tools.ok`` when it ran)."""
        return [
            e.reason
            for e in self.events.recent
            if e.kind == "tool.result" and e.fields.get("tool") == tool
        ]

    def held(self, tool: str) -> list[str]:
        """Reason codes of the calls of ``tool`` the untrusted-data rule held or refused."""
        return [
            e.reason
            for e in self.events.recent
            if e.kind in ("tool.held", "tool.denied")
            and e.fields.get("tool") == tool
            and e.reason.startswith("untrusted.")
        ]

    def shown(self, agent_id: str = "main") -> str:
        """Everything the model was shown in this install: system prompts and messages."""
        parts: list[str] = []
        for system, messages, _tools in self.scripts[agent_id].requests:
            parts.append(system)
            parts.extend(m.content for m in messages)
        return "\n".join(parts)

    def tool_texts(self, agent_id: str = "main") -> list[str]:
        """The tool results the model read in its last request."""
        _system, messages, _tools = self.scripts[agent_id].requests[-1]
        return [m.content for m in messages if m.role == "tool"]

    def secrets_untouched(self) -> bool:
        return all(s.unchanged() for s in self.secrets)


def _write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def install(
    tmp: Path,
    raw_config: dict[str, Any],
    scripts: dict[str, list[Any]] | None = None,
    *,
    services: ToolServices | None = None,
    providers: dict[str, Provider] | None = None,
    guard_home: Path | None = None,
    use_channel_guard: bool = False,
) -> Install:
    """Lay out a real install under ``tmp`` and build its agent runtime."""
    raw = copy.deepcopy(raw_config)
    home = tmp / "home"
    outside = tmp / "outside"
    raw.setdefault("agents", {}).setdefault("list", [{"id": "main"}])
    raw.setdefault("gateway", {})["auth"] = {"token": CONFIG_SECRET}
    loaded = make_install(tmp, raw, soul=SOUL, agents_md=AGENTS)
    for entry in raw["agents"]["list"]:
        _write(Path(entry["workspace"]) / "notes.txt", "inside the workspace\n", 0o644)
    paths, config = loaded.paths, loaded.config
    state, config_path = paths.state_dir, paths.config_path
    secrets = [
        snapshot(config_path),
        snapshot(_write(state / "credentials" / "telegram.json", CREDENTIAL_SECRET)),
        snapshot(_write(home / ".ssh" / "id_rsa", SSH_SECRET)),
        snapshot(_write(outside / "secret.txt", OUTSIDE_SECRET, 0o644)),
    ]
    ids = [entry["id"] for entry in raw["agents"]["list"]]
    script_providers = {a: Attacker((scripts or {}).get(a)) for a in ids}
    all_providers: dict[str, Provider] = {**script_providers, **(providers or {})}
    parts = build_install(
        loaded,
        {},
        events=EventLog(state / "logs" / "events.jsonl"),
        use_channel_guard=use_channel_guard,
        # The guards' idea of ~: the fake home, unless a test names another.
        services=replace(services or ToolServices(), home=guard_home or home),
        runtime_options={"providers": all_providers},
    )
    assert parts.runtime is not None
    return Install(
        tmp,
        paths,
        config,
        parts.store,
        parts.events,
        parts.runtime,
        parts.pipeline,
        script_providers,
        home,
        outside,
        secrets,
        parts.approvals,
    )
