"""The agent turn (the pipeline's Responder): resolve the agent, its policy and provider,
build the context from the session's own history, and run the tool-call loop.

The policy is resolved once per turn from (agent, channel, group, sender, sandboxed,
turn denies); the model is offered only the tools it allows and every call passes it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from clawkeep.agents.dispatch import dispatch
from clawkeep.agents.history import read_history, turn_messages, turn_provenance
from clawkeep.agents.limits import limits_for, model_for
from clawkeep.agents.loop import LoopOutcome, run_loop
from clawkeep.agents.providers.factory import build_provider, close_provider
from clawkeep.agents.providers.timed import TimedProvider
from clawkeep.agents.providers.types import Provider, ProviderError, ToolCall, ToolSpec
from clawkeep.agents.sandboxing import turn_sandboxed
from clawkeep.agents.screening import TurnScreen
from clawkeep.agents.untrusted import (
    TurnProvenance,
    chosen_args,
    hold_call,
    model_says_yes,
    validated_args,
)
from clawkeep.agents.workspace import system_prompt
from clawkeep.approvals import ApprovalStore, Pending, decision_text, describe
from clawkeep.commands import is_owner
from clawkeep.config.agents import ResolvedAgent, resolve_agents
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.models import ModelsConfig
from clawkeep.contracts import InboundMessage, TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.fsutil import ensure_private_dir
from clawkeep.guards.content_guard import ContentGuard
from clawkeep.policy import PolicyContext, ToolPolicy, resolve_policy
from clawkeep.policy.grounding import CallVerdict
from clawkeep.skills import agent_skills
from clawkeep.tools import BackgroundJobs, main_key
from clawkeep.tools.base import ToolContext, ToolDef, ToolResult, ToolServices, refuse
from clawkeep.tools.content import content_guard_hook
from clawkeep.tools.registry import registry

if TYPE_CHECKING:
    from clawkeep.sessions import TranscriptStore

__all__ = ["AgentRuntime"]

# Provider errors that mean "the install is not set up yet": the owner is told what to set.
_SETUP_CODES = frozenset(
    {"provider.no_model", "provider.no_key", "provider.unknown", "provider.no_base_url"}
)


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
        approvals: ApprovalStore | None = None,
    ) -> None:
        self.config = config
        self.approvals = approvals  # held calls wait here for the owner
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
            cached = TimedProvider(
                build_provider(
                    model_for(self.config, agent_id),
                    self.models,
                    auth_profiles=self.paths.auth_profiles(agent_id),
                ),
                agent_id,
            )
            self._providers[agent_id] = cached
        return cached

    async def aclose(self) -> None:
        """Close the providers' HTTP connections."""
        if self.services.jobs is not None:
            await self.services.jobs.aclose()  # background commands end with the gateway
        if self.services.browser is not None:
            await asyncio.to_thread(self.services.browser.close)  # Chromium ends with it too
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
        flag: str = "",
    ) -> ToolPolicy:
        """``flag``: the content guard's reason when it flagged a delegated payload; that
        turn loses the same tools as a turn whose message the channel guard flagged."""
        msg = request.message if request is not None else None
        flagged = (request.flagged if request else False) or bool(flag)
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
            # The flag's tool consequence lasts for the flagged message's own turn; later
            # turns read it as untrusted content, and the untrusted-data rule holds the rest.
            flagged=flagged,
            plugin_tools=self._plugin_names,
        )
        return resolve_policy(self.config, ctx, implemented=self.tools)

    async def respond(self, request: TurnRequest) -> str | None:
        """The pipeline's entry: one turn for an admitted, routed message."""
        outcome = await self.run_turn(request.agent_id, request.session_key, request)
        if outcome is None:
            return None
        return outcome.reply + self._held_notice(outcome)

    def _held_notice(self, outcome: LoopOutcome) -> str:
        """The gateway's own lines under the reply: each held call, for the owner."""
        if self.approvals is None or not outcome.held:
            return ""
        now = time.time()
        lines = []
        for held in outcome.held:
            pending = self.approvals.get(held.code)
            if pending is not None:
                lines.append(describe(pending, now))
        return ("\n\n" + "\n\n".join(lines)) if lines else ""

    async def run_turn(
        self,
        agent_id: str,
        session_key: str,
        request: TurnRequest | None,
        depth: int = 0,
        sender: str | None = None,
        flag: str = "",
    ) -> LoopOutcome | None:
        agent = self._agents.get(agent_id)
        if agent is None:
            self._emit("agent.turn", "agents.unknown_agent", agent_id, session_key)
            return None
        if not agent.workspace.exists():
            ensure_private_dir(agent.workspace)  # created 0700 on first use, never widened
        limits = limits_for(self.config, agent.id)
        history = read_history(self.store, session_key, limits.history_turns)
        policy = self.policy(agent, session_key, request, depth, flag)
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
            owner=request is not None and is_owner(request.message, self.config),
            # Whose sandbox lane and disk quota: the message's sender, or the delegating turn's.
            sender=f"{request.message.channel}:{request.message.sender}" if request else sender,
        )
        specs = [
            ToolSpec(t.name, t.description, t.schema())
            for name, t in sorted(self.tools.items())
            if name in policy.offered  # a refused tool is never shown to the model
        ]
        seen = agent_skills(self.config, self.paths, agent.id, agent.workspace)
        notes = request.annotations if request else ()
        if flag:
            notes = (*notes, f"{flag} (the delegated payload)")
        system = system_prompt(agent.workspace, notes, tuple((s.name, s.description) for s in seen))
        messages = turn_messages(history, request)
        screen = TurnScreen(self.content_guard)
        prov = turn_provenance(
            self.config, agent.id, session_key, request, depth, system, history, bool(flag)
        )
        try:
            provider = self.provider(agent.id)

            async def run_call(call: ToolCall) -> ToolResult:
                held, steered = self._gate(call, ctx, prov)
                if held is None and prov.wants_check:
                    held = await self._model_check(call, ctx, prov)
                if held is not None:
                    return held
                result = await dispatch(call, self.tools, ctx)
                if result.hold:
                    return self._hold_exec(call, ctx, prov, result)
                result, flagged = await screen.after(call.name, result)  # the guard reads first
                name = ctx.policy.decide(call.name).tool
                plugin = name in self._plugin_names
                prov.add_result(name, result, flagged, plugin=plugin, steered=steered)
                return result

            outcome = await run_loop(provider, system, messages, specs, run_call, limits)
            outcome = replace(outcome, held=tuple(prov.held))
            if self.store is not None and any(i.untrusted for i in prov.items):
                # The reply stored next may repeat what untrusted content said: a later
                # turn reads it as untrusted, so it never runs as a clean context. A steered
                # read's data in that reply stays steered: a send in a later turn is held.
                steered_turn = any(i.steered for i in prov.items)
                meta = {"untrusted_turn": True, "steered": steered_turn}
                self.store.append(session_key, "system", "", meta=meta)
        except ProviderError as exc:
            self._emit("agent.turn", exc.code, agent.id, session_key)
            owner = request is not None and request.message.is_owner
            # Setup problems name the key to set, but only to the owner: a stranger learns
            # nothing about the config from a failing model.
            hint = f": {exc.message}" if owner and exc.code in _SETUP_CODES else ""
            return LoopOutcome(f"(the model could not answer: {exc.code}{hint})", exc.code, 0, ())
        self._emit("agent.turn", outcome.reason, agent.id, session_key, calls=outcome.tool_calls)
        return outcome

    def _gate(
        self, call: ToolCall, ctx: ToolContext, prov: TurnProvenance
    ) -> tuple[ToolResult | None, bool]:
        """The untrusted-data rule before the dispatcher: (None, steered) lets the call
        through; ``steered``: a read whose object untrusted content chose."""
        found = validated_args(call, self.tools, ctx.policy)
        if found is None:
            return None, False  # the dispatcher refuses it with its own reason
        tool, args = found
        verdict = prov.judge(tool, args)
        prov.wants_check = verdict.reason == "untrusted.grounded" and prov.model_check()
        if verdict.verdict == "allow":
            return None, prov.steers(tool, chosen_args(tool, call))
        self._emit(
            "tool.held" if verdict.verdict == "ask" else "tool.denied",
            verdict.reason,
            ctx.agent.id,
            ctx.session_key,
            tool=tool.name,
            ungrounded=list(verdict.ungrounded),
        )
        if verdict.verdict == "ask":
            held = hold_call(
                self.approvals, prov, kind="untrusted", tool=tool.name, args=args, verdict=verdict
            )
            return held, False
        return refuse(verdict.reason, verdict.detail or "refused by the untrusted-data rule"), False

    async def _model_check(
        self, call: ToolCall, ctx: ToolContext, prov: TurnProvenance
    ) -> ToolResult | None:
        """`tools.untrusted.modelCheck`: a fresh model's YES lets a grounded side effect in
        an untrusted context run; anything else holds it (or refuses it, with no owner)."""
        prov.wants_check = False
        found = validated_args(call, self.tools, ctx.policy)
        if found is None:
            return None
        tool, args = found
        if await model_says_yes(self.provider(ctx.agent.id), prov, tool.name, args):
            self._emit("tool.checked", "untrusted.model_check_yes", ctx.agent.id, ctx.session_key)
            return None
        verdict = CallVerdict(
            "ask", "untrusted.model_check", (), "a fresh model did not confirm the owner asked"
        )
        self._emit("tool.held", verdict.reason, ctx.agent.id, ctx.session_key, tool=tool.name)
        if not prov.owner_present:
            # No owner to ask: the fresh model's doubt refuses the call.
            return refuse("untrusted.model_check", verdict.detail)
        return hold_call(
            self.approvals, prov, kind="untrusted", tool=tool.name, args=args, verdict=verdict
        )

    def _hold_exec(
        self, call: ToolCall, ctx: ToolContext, prov: TurnProvenance, result: ToolResult
    ) -> ToolResult:
        """exec asked for the owner (`tools.exec.ask`): hold it like any other ask."""
        found = validated_args(call, self.tools, ctx.policy)
        args = found[1] if found is not None else dict(call.arguments)
        verdict = CallVerdict("ask", result.reason, ("command",), result.hold)
        if not prov.owner_present:
            # Host exec of unknown code with no owner to ask never runs.
            return refuse("tools.exec.ask_no_owner", result.hold)
        return hold_call(self.approvals, prov, kind="exec", tool="exec", args=args, verdict=verdict)

    async def resolve_approval(self, name: str, args: str, message: InboundMessage) -> str:
        """`/approvals`, `/approve CODE`, `/deny CODE` from the owner (the gate checked)."""
        store = self.approvals
        if store is None:
            return "No approvals are kept on this gateway."
        now = time.time()
        if name == "approvals":
            pending = store.pending()
            if not pending:
                return "Nothing is waiting for your approval."
            return "\n\n".join(describe(p, now) for p in pending)
        code = args.split()[0] if args.split() else ""
        if name == "deny":
            decision = store.deny(code, by=message.sender)
            if decision.call is not None and decision.reason == "approvals.denied":
                self._note(decision.call, "the owner denied this call; it did not run")
                return f"Denied [{decision.call.code}]: {decision.call.tool} will not run."
            return decision_text(decision.reason)
        decision = store.approve(code, by=message.sender)
        if not decision.approved or decision.call is None:
            return decision_text(decision.reason)
        result = await self.run_approved(decision.call, message)
        self._note(decision.call, f"the owner approved this call; result: {result.text}")
        return f"Approved [{decision.call.code}]: {decision.call.tool} ran: {result.text[:1500]}"

    async def run_approved(self, held: Pending, message: InboundMessage) -> ToolResult:
        """Run a call the owner approved, once, as the owner's turn would (policy and
        guards still apply; only the untrusted-data ask and exec's ask are satisfied)."""
        agent = self._agents.get(held.agent)
        if agent is None:
            return refuse("agents.unknown_agent", held.agent)
        request = TurnRequest(message, agent.id, held.session_key)
        policy = self.policy(agent, held.session_key, request)
        ctx = ToolContext(
            agent=agent,
            session_key=held.session_key,
            config=self.config,
            paths=self.paths,
            policy=policy,
            sandboxed=policy.context.sandboxed,
            session_is_main=held.session_key == main_key(agent.id),
            store=self.store,
            events=self.events,
            services=self.services,
            model_ref=str(model_for(self.config, agent.id) or ""),
            approved=True,
        )
        call = ToolCall(f"approved-{held.code}", held.tool, dict(held.args))
        return await dispatch(call, self.tools, ctx)

    def _note(self, held: Pending, text: str) -> None:
        """The decision, in the held call's session: the model reads it as the result."""
        if self.store is not None:
            meta = {"untrusted": True, "source": "approval"}
            # No code here: the model reads this, and must never hold an approval code.
            body = f"[held call: {held.tool}] {text}"
            self.store.append(held.session_key, "user", body, meta=meta)

    async def _delegate(
        self,
        agent_id: str,
        session_key: str,
        depth: int,
        sender: str | None = None,
        flag: str = "",
    ) -> str | None:
        outcome = await self.run_turn(agent_id, session_key, None, depth, sender, flag)
        if outcome is None:
            return None
        if self.store is not None and outcome.reply:
            self.store.append(session_key, "assistant", outcome.reply, meta={"agent": agent_id})
        return outcome.reply

    def _emit(self, kind: str, reason: str, agent: str, session: str, **f: object) -> None:
        if self.events is not None:
            self.events.emit(kind, reason, agent=agent, session_key=session, **f)
