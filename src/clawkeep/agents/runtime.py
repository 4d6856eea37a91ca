"""The agent turn (the pipeline's Responder): resolve the agent, its policy and provider,
build the context from the session's own history, and run the tool-call loop.

The policy is resolved once per turn from (agent, channel, group, sender, sandboxed,
turn denies); the model is offered only the tools it allows and every call passes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from clawkeep.agents.dispatch import dispatch
from clawkeep.agents.limits import limits_for, model_for
from clawkeep.agents.loop import LoopOutcome, run_loop
from clawkeep.agents.providers.factory import build_provider, close_provider
from clawkeep.agents.providers.types import Message, Provider, ProviderError, ToolCall, ToolSpec
from clawkeep.agents.screening import TurnScreen
from clawkeep.agents.untrusted import wrap_untrusted
from clawkeep.agents.workspace import system_prompt
from clawkeep.config.agents import ResolvedAgent, resolve_agents
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.models import ModelsConfig
from clawkeep.contracts import TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.fsutil import ensure_private_dir
from clawkeep.guards.content_guard import ContentGuard
from clawkeep.policy import PolicyContext, ToolPolicy, resolve_policy
from clawkeep.skills import agent_skills
from clawkeep.tools import BackgroundJobs, main_key
from clawkeep.tools.base import ToolContext, ToolDef, ToolResult, ToolServices
from clawkeep.tools.content import content_guard_hook
from clawkeep.tools.registry import registry

if TYPE_CHECKING:
    from clawkeep.sessions import TranscriptStore

__all__ = ["AgentRuntime", "turn_sandboxed"]


@dataclass(frozen=True, slots=True)
class _Entry:
    role: str
    text: str
    untrusted: bool
    source: str
    flagged: bool


def _history_messages(entries: list[_Entry]) -> list[Message]:
    out: list[Message] = []
    for e in entries:
        if e.role not in ("user", "assistant"):
            continue
        # A message the channel guard flagged stays marked in every later turn's context.
        source = e.source or ("flagged-message" if e.flagged else "forwarded")
        body = wrap_untrusted(e.text, source=source) if e.untrusted or e.flagged else e.text
        out.append(Message("user" if e.role == "user" else "assistant", body))
    return out


def turn_sandboxed(agent: ResolvedAgent, *, session_is_main: bool) -> bool:
    """Whether a turn of ``agent`` is sandboxed (the policy's sandbox layer applies)."""
    mode = agent.sandbox.mode or "all"  # a missing setting: sandbox everything
    if mode == "off":
        return False
    return mode == "all" or not session_is_main


class AgentRuntime:
    """Answers admitted messages with the agent's model and tools (a ``Responder``)."""

    def __init__(
        self,
        config: RootConfig,
        paths: InstallPaths,
        *,
        models: ModelsConfig | None = None,
        store: TranscriptStore | None = None,
        events: EventLog | None = None,
        services: ToolServices | None = None,
        providers: Mapping[str, Provider] | None = None,
        plugin_tools: tuple[ToolDef, ...] = (),
    ) -> None:
        self.config = config
        self.paths = paths
        self.models = models or ModelsConfig()
        self.store = store
        self.events = events
        base = services or ToolServices()
        self.content_guard = ContentGuard(config.guards.content)
        hook = base.content_hook or content_guard_hook(self.content_guard)
        # Delegation always passes the content guard unless a caller installs its own hook.
        jobs = base.jobs or BackgroundJobs()
        self.services = replace(base, delegate=self._delegate, content_hook=hook, jobs=jobs)
        self.tools = registry(plugin_tools)
        self._plugin_names = frozenset(t.name for t in plugin_tools)
        self._risky_plugins = frozenset(t.name for t in plugin_tools if t.risky)
        self._providers: dict[str, Provider] = dict(providers or {})
        self._agents = {a.id: a for a in resolve_agents(config, paths)}

    def provider(self, agent_id: str) -> Provider:
        """The agent's provider, built once from its `model` setting."""
        cached = self._providers.get(agent_id)
        if cached is None:
            cached = build_provider(
                model_for(self.config, agent_id),
                self.models,
                auth_profiles=self.paths.auth_profiles(agent_id),
            )
            self._providers[agent_id] = cached
        return cached

    async def aclose(self) -> None:
        """Close the providers' HTTP connections."""
        if self.services.jobs is not None:
            await self.services.jobs.aclose()  # background commands end with the gateway
        for provider in self._providers.values():
            await close_provider(provider)
        self._providers.clear()

    def sandboxed(self, agent: ResolvedAgent, session_key: str, delegated: bool = False) -> bool:
        # A delegated turn carries another agent's (untrusted) words: never "main".
        is_main = not delegated and session_key == main_key(agent.id)
        return turn_sandboxed(agent, session_is_main=is_main)

    def policy(
        self,
        agent: ResolvedAgent,
        session_key: str,
        request: TurnRequest | None,
        depth: int = 0,
        *,
        flagged_history: bool = False,
    ) -> ToolPolicy:
        msg = request.message if request is not None else None
        flagged = (request.flagged if request else False) or flagged_history
        turn_denies = request.denied_tools if request else frozenset()
        if flagged:
            turn_denies = turn_denies | self._risky_plugins  # as FLAGGED_TURN_DENY for natives
        ctx = PolicyContext(
            agent_id=agent.id,
            channel=msg.channel if msg else None,
            group=msg.group if msg and msg.chat_type == "group" else None,
            sender=msg.sender if msg else None,
            sandboxed=self.sandboxed(agent, session_key, delegated=depth > 0),
            turn_denies=turn_denies,
            # A flagged message still in the context keeps the turn's risky tools off, so a
            # harmless follow-up ("ok, go ahead") cannot launder the injection.
            flagged=flagged,
            plugin_tools=self._plugin_names,
        )
        return resolve_policy(self.config, ctx, implemented=self.tools)

    async def respond(self, request: TurnRequest) -> str | None:
        """The pipeline's entry: one turn for an admitted, routed message."""
        outcome = await self.run_turn(request.agent_id, request.session_key, request)
        return outcome.reply if outcome is not None else None

    async def run_turn(
        self, agent_id: str, session_key: str, request: TurnRequest | None, depth: int = 0
    ) -> LoopOutcome | None:
        agent = self._agents.get(agent_id)
        if agent is None:
            self._emit("agent.turn", "agents.unknown_agent", agent_id, session_key)
            return None
        if not agent.workspace.exists():
            ensure_private_dir(agent.workspace)  # created 0700 on first use, never widened
        limits = limits_for(self.config, agent.id)
        history = self._history(session_key, limits.history_turns)
        flagged_history = any(e.flagged for e in history)
        policy = self.policy(agent, session_key, request, depth, flagged_history=flagged_history)
        ctx = ToolContext(
            agent=agent,
            session_key=session_key,
            config=self.config,
            paths=self.paths,
            policy=policy,
            sandboxed=policy.context.sandboxed,
            session_is_main=depth == 0 and session_key == main_key(agent.id),
            store=self.store,
            events=self.events,
            services=self.services,
            model_ref=str(model_for(self.config, agent.id) or ""),
            depth=depth,
        )
        specs = [
            ToolSpec(t.name, t.description, t.schema())
            for name, t in sorted(self.tools.items())
            if name in policy.offered  # a refused tool is never shown to the model
        ]
        seen = agent_skills(self.config, self.paths, agent.id, agent.workspace)
        system = system_prompt(
            agent.workspace,
            request.annotations if request else (),
            tuple((s.name, s.description) for s in seen),
        )
        messages = self._context(history, request)
        screen = TurnScreen(self.content_guard, policy)
        try:
            provider = self.provider(agent.id)

            async def run_call(call: ToolCall) -> ToolResult:
                refused = screen.before(call.name)
                if refused is not None:
                    return refused
                result = await dispatch(call, self.tools, ctx)
                return await screen.after(call.name, result)  # the content guard reads first

            outcome = await run_loop(provider, system, messages, specs, run_call, limits)
        except ProviderError as exc:
            self._emit("agent.turn", exc.code, agent.id, session_key)
            return LoopOutcome(f"(the model could not answer: {exc.code})", exc.code, 0, ())
        self._emit("agent.turn", outcome.reason, agent.id, session_key, calls=outcome.tool_calls)
        return outcome

    def _history(self, session_key: str, limit: int) -> list[_Entry]:
        if self.store is None:
            return []
        return [
            _Entry(
                e.role,
                e.text,
                bool(e.meta.get("untrusted")),
                str(e.meta.get("source", "")),
                bool(e.meta.get("flagged")),
            )
            for e in self.store.history(session_key, limit)
        ]

    def _context(self, rows: list[_Entry], request: TurnRequest | None) -> list[Message]:
        messages = _history_messages(rows)
        text = request.message.text if request is not None else None
        if text is not None and (not rows or rows[-1].text != text or rows[-1].role != "user"):
            messages.append(Message("user", text))  # the store did not have it yet
        return messages

    async def _delegate(self, agent_id: str, session_key: str, depth: int) -> str | None:
        outcome = await self.run_turn(agent_id, session_key, None, depth)
        if outcome is None:
            return None
        if self.store is not None and outcome.reply:
            self.store.append(session_key, "assistant", outcome.reply, meta={"agent": agent_id})
        return outcome.reply

    def _emit(self, kind: str, reason: str, agent: str, session: str, **f: object) -> None:
        if self.events is not None:
            self.events.emit(kind, reason, agent=agent, session_key=session, **f)
