"""The inbound pipeline: access -> chat commands -> channel guard -> routing -> agent turn.

Each stage returns a decision value with a reason code and emits one event; the first
stage that refuses ends the message's way (``Outcome``). An admitted message is written
to its session's transcript before the agent sees it, and the reply after.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from typing import Any

from clawkeep import __version__
from clawkeep.access import WEBCHAT, AccessControl, PairingStore, compile_patterns
from clawkeep.approvals import without_notice
from clawkeep.approvals.commands import APPROVAL_COMMANDS, ApprovalResolver
from clawkeep.commands import ChatCommandVerdict, decide_command
from clawkeep.config.agents import ResolvedAgent, default_agent, resolve_agents
from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import CommandRunner, InboundMessage, Outcome, Responder, TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.pipeline.guard import ChannelScanner, guard_reason
from clawkeep.sessions import TranscriptStore, route

__all__ = ["InboundPipeline"]


class InboundPipeline:
    """Takes verified messages (``handle``) and decides what becomes of each."""

    def __init__(
        self,
        config: RootConfig,
        paths: InstallPaths,
        *,
        store: TranscriptStore,
        pairing: PairingStore,
        events: EventLog,
        responder: Responder | None = None,
        channel_guard: ChannelScanner | None = None,
        command_runner: CommandRunner | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.paths = paths
        self.store = store
        self.pairing = pairing
        self.events = events
        self._responder = responder  # given at construction, never swapped afterwards
        self.channel_guard = channel_guard
        self._command_runner = command_runner
        self._clock = clock
        self._agent: ResolvedAgent = default_agent(config, paths)
        self._agents = {a.id: a for a in resolve_agents(config, paths)}
        patterns: tuple[re.Pattern[str], ...] = compile_patterns(
            self._agent.group_chat.mention_patterns
        )
        self.access = AccessControl(config, pairing, patterns)

    @property
    def responder(self) -> Responder | None:
        """The agent turn admitted messages go to (None: admitted without a reply)."""
        return self._responder

    @property
    def command_runner(self) -> CommandRunner | None:
        """Runs accepted chat commands (None: accepted commands get no reply)."""
        return self._command_runner

    def _emit(self, kind: str, reason: str, msg: InboundMessage, **extra: Any) -> None:
        self.events.emit(
            kind,
            reason,
            channel=msg.channel,
            account=msg.account,
            sender=msg.sender,
            chat_type=msg.chat_type,
            group=msg.group,
            raw_id=msg.raw_id,
            **extra,
        )

    async def handle(self, message: InboundMessage) -> Outcome:
        """Run ``message`` through every stage and say what became of it."""
        verdict = self.access.decide(message)
        self._emit("inbound.access", verdict.reason, message, action=verdict.action)
        if verdict.action == "drop":
            return Outcome("dropped", verdict.reason, detail=verdict.detail)
        if verdict.action == "pair":
            return Outcome("pairing", verdict.reason, reply=verdict.reply)
        command = decide_command(message, self.config)
        if command.action != "none":
            return await self._command(message, command)
        scanned = await self._guard(message)
        if isinstance(scanned, Outcome):
            return scanned
        return await self._turn(message, *scanned)

    async def _guard(
        self, message: InboundMessage
    ) -> Outcome | tuple[tuple[str, ...], frozenset[str]]:
        """Blocked (an Outcome), or the annotations and per-turn denies for the agent."""
        if self.channel_guard is None:
            return (), frozenset()
        # The classifier takes milliseconds of CPU: run it off the event loop.
        scan = await asyncio.to_thread(
            self.channel_guard.scan, message.text, channel=message.channel
        )
        if scan.verdict == "allow":
            return (), frozenset()
        reason = guard_reason(scan)
        if _owner(message):
            # The owner is not a stranger: their own message is annotated, never blocked.
            self._emit(
                "inbound.channel_guard",
                "channel_guard.owner_annotated",
                message,
                score=scan.score,
                verdict=scan.verdict,
                guard_reason=reason,
            )
            return (f"{reason} (score {scan.score:.2f}, owner's own message)",), frozenset()
        self._emit("inbound.channel_guard", reason, message, score=scan.score, verdict=scan.verdict)
        if scan.verdict == "flag":
            # Annotated and marked flagged; the policy strips the configured high-risk
            # tools for this turn (guards.channel.stripToolsOnFlag / highRiskTools).
            return (f"{reason} (score {scan.score:.2f})",), frozenset()
        # block, or a verdict this code does not know: fail closed
        return Outcome("blocked", reason, detail=f"score {scan.score:.2f}")

    async def _command(self, message: InboundMessage, verdict: ChatCommandVerdict) -> Outcome:
        name = verdict.command.name if verdict.command else ""
        self._emit("inbound.command", verdict.reason, message, command=name)
        if verdict.action == "refused" or verdict.command is None:
            return Outcome("command", verdict.reason, reply=verdict.reply)
        if name == "help":
            return Outcome("command", verdict.reason, reply=_HELP)
        if name == "status":
            reply = f"clawkeep {__version__}: agent {self._agent.id}, channel {message.channel}."
            return Outcome("command", verdict.reason, reply=reply)
        if name in APPROVAL_COMMANDS:
            if not isinstance(self.responder, ApprovalResolver):
                return Outcome("command", "approvals.unavailable", reply="No approvals here.")
            text = await self.responder.resolve_approval(name, verdict.command.args, message)
            return Outcome("command", verdict.reason, reply=text)
        if self.command_runner is None:
            return Outcome("command", "commands.unavailable", reply="Command not available.")
        reply_text = await self.command_runner.run(verdict.command, message)
        return Outcome("command", verdict.reason, reply=reply_text)

    async def _turn(
        self, message: InboundMessage, annotations: tuple[str, ...], denied: frozenset[str]
    ) -> Outcome:
        agent = self._agent
        if message.agent is not None or message.session is not None:
            owner = message.channel == WEBCHAT and message.is_owner
            chosen = self._agents.get(message.agent or self._agent.id)
            if not owner:
                # Only the operator picks an agent or a session; another channel's sender
                # never does, whatever its adapter put on the message.
                self._emit("inbound.routing", "routing.not_owner", message, agent=message.agent)
                return Outcome("dropped", "routing.not_owner", detail="only the operator chooses")
            if chosen is None:
                self._emit("inbound.routing", "routing.unknown_agent", message, agent=message.agent)
                return Outcome("dropped", "routing.unknown_agent", detail="no such agent")
            agent = chosen
        where = route(message, agent, self.config.session)
        # An owner's annotation is only a note: their turn keeps its tools and its history.
        flagged = bool(annotations) and not _owner(message)
        self._emit(
            "inbound.routing",
            where.reason,
            message,
            agent=where.agent_id,
            session_key=where.session_key,
            flagged=flagged,
        )
        meta = {
            "channel": message.channel,
            "account": message.account,
            "sender": message.sender,
            "raw_id": message.raw_id,
            "received_at": message.received_at or self._clock(),
            "flagged": flagged,
        }
        self.store.append(where.session_key, "user", message.text, meta=meta)
        request = TurnRequest(
            message, where.agent_id, where.session_key, flagged, annotations, denied
        )
        reply = None
        if self.responder is not None:
            reply = await self.responder.respond(request)
            if reply is not None:
                # The transcript keeps the agent's words only: the held-call notice (with
                # its approval code) is for the owner, never for a later turn's model.
                kept = without_notice(reply)
                self.store.append(
                    where.session_key, "assistant", kept, meta={"agent": where.agent_id}
                )
        return Outcome(
            "admitted",
            "pipeline.admitted",
            reply=reply,
            agent_id=where.agent_id,
            session_key=where.session_key,
            annotations=annotations,
        )


def _owner(message: InboundMessage) -> bool:
    """The operator on the web chat, whose adapter checked the gateway token. Another
    channel's ``is_owner`` is never honoured (as in the access gate)."""
    return message.channel == WEBCHAT and message.is_owner


_HELP = (
    "Commands: /status, /help. Owner only: /approvals, /approve CODE, /deny CODE; "
    "when switched on: !<cmd>, /config, /debug, /restart."
)
