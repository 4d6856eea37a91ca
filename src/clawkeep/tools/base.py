"""What a tool is: a name, a description, a strict argument model and an async handler.

A tool returns a ``ToolResult`` value: ok or refused with a stable reason code. Content
that came from outside (a web page, a file, another agent) is marked ``untrusted`` and
is wrapped with boundary markers before it enters the model's context.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from clawkeep.config.agents import ResolvedAgent
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow, Deny
from clawkeep.events.log import EventLog
from clawkeep.policy.effects import ToolEffects
from clawkeep.tools._background import BackgroundJobs

if TYPE_CHECKING:
    from clawkeep.policy import ToolPolicy
    from clawkeep.sessions import TranscriptStore

__all__ = [
    "ArgsModel",
    "BrowserControl",
    "ContentHook",
    "ControlPlane",
    "Delegate",
    "Flagged",
    "Messenger",
    "SearchBackend",
    "ToolContext",
    "ToolDef",
    "ToolResult",
    "ToolServices",
    "refuse",
]


class ArgsModel(BaseModel):
    """Tool arguments: unknown keys refused, camelCase or snake_case accepted."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True
    )


@dataclass(frozen=True, slots=True)
class ToolResult:
    """The outcome of one tool call, as the model will see it."""

    ok: bool
    text: str
    reason: str = "tools.ok"
    untrusted: bool = False  # outside content: wrapped before it enters the context
    source: str = ""
    hold: str = ""  # non-empty: the call did not run and waits for the owner's approval


def refuse(reason: str, text: str) -> ToolResult:
    """A refusal the model sees; the reason code is what the event log records."""
    return ToolResult(False, f"refused ({reason}): {text}", reason)


@dataclass(frozen=True, slots=True)
class Flagged:
    """The content hook let the text through but flagged it as a likely injection;
    ``reason``: the guard's own code (``content_guard.model``), carried to the target."""

    reason: str
    detail: str = ""

    @property
    def allowed(self) -> bool:
        return True


ContentHook = Callable[[str, str], Awaitable[Allow | Flagged | Deny]]
"""(text, source) -> decision; runs on a sessions_send payload (the content guard's seat)."""


class Delegate(Protocol):
    """Runs the target agent's turn on a delegated session; returns its reply. ``sender``:
    the calling turn's sender, so the delegated turn's sandbox work counts as theirs.
    ``flag``: the content guard's reason when it flagged the payload (empty: not flagged);
    the delegated turn then runs as a flagged message's turn does."""

    async def __call__(
        self,
        agent_id: str,
        session_key: str,
        depth: int,
        sender: str | None = None,
        flag: str = "",
    ) -> str | None: ...


class ControlPlane(Protocol):
    """The gateway's control actions (status / restart / config) behind the gateway tool."""

    async def restart(self) -> Allow | Deny: ...

    async def apply_config(self, raw: str) -> Allow | Deny: ...


class SearchBackend(Protocol):
    """A web search engine behind web_search (none by default)."""

    async def search(self, query: str, count: int) -> list[Mapping[str, str]]: ...


class BrowserControl(Protocol):
    """The managed browser behind the browser tool (none unless `browser.enabled`)."""

    async def act(
        self,
        action: str,
        params: Mapping[str, Any],
        on_refused: Callable[[str, str], None] | None = None,
    ) -> ToolResult: ...

    def close(self) -> None: ...


class Messenger(Protocol):
    """Sends a message to a channel target on the agent's behalf (the message tool)."""

    async def send(self, channel: str, to: str, text: str) -> Allow | Deny: ...


@dataclass(frozen=True)
class ToolServices:
    """Seams the tools use; each one missing makes its tool refuse (fail closed)."""

    delegate: Delegate | None = None
    control: ControlPlane | None = None
    search: SearchBackend | None = None
    messenger: Messenger | None = None
    content_hook: ContentHook | None = None
    jobs: BackgroundJobs | None = None  # background exec (exec background, process tool)
    resolver: Callable[[str], Any] | None = None  # DNS for web_fetch (tests pin answers)
    home: Path | None = None
    browser: BrowserControl | None = None  # built only when browser.enabled


@dataclass(frozen=True)
class ToolContext:
    """Who is calling and with what: the agent, the session, config and services."""

    agent: ResolvedAgent
    session_key: str
    config: RootConfig
    paths: InstallPaths
    policy: ToolPolicy
    sandboxed: bool
    session_is_main: bool
    store: TranscriptStore | None = None
    events: EventLog | None = None
    services: ToolServices = field(default_factory=ToolServices)
    model_ref: str = ""
    depth: int = 0  # delegation depth (sessions_send)
    owner: bool = False  # the turn is the owner's: its sandboxed work runs on its own pool
    # "<channel>:<sender id>" of the message the turn answers (a delegated turn inherits its
    # caller's; None: the CLI): one stranger's sessions, and the turns they delegate, share
    # one lane and one disk quota in the sandbox pool.
    sender: str | None = None
    approved: bool = False  # the owner approved this exact call (no second ask)


Handler = Callable[[Any, ToolContext], Awaitable[ToolResult]]


@dataclass(frozen=True)
class ToolDef:
    """One tool: its name as offered, its description, its argument model, its handler."""

    name: str
    description: str
    args: type[ArgsModel]
    handler: Handler
    effects: ToolEffects | None = None  # None: from annotations, else the worst case
    annotations: Mapping[str, Any] | None = None  # MCP tool annotations (plugin tools)
    # A plugin tool whose MCP annotations allow changes or the open world: stripped from a
    # turn the channel guard flagged, as the native risky tools are (risk.py).
    risky: bool = False

    def schema(self) -> Mapping[str, Any]:
        return _schema(self.args)


@functools.cache
def _schema(args: type[ArgsModel]) -> Mapping[str, Any]:
    # Built once per tool: schema generation costs milliseconds, a turn needs it each time.
    return MappingProxyType(args.model_json_schema(by_alias=True))
