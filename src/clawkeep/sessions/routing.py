"""Routing: which agent answers an admitted message, and in which session.

There are no channel bindings yet: every message goes to the default agent, except an
owner's message that names its agent (the client API's model, the Control UI's picker). The session
key follows ``session.dmScope`` and ``session.identityLinks`` (see ``keys``).
"""

from __future__ import annotations

from dataclasses import dataclass

from clawkeep.config.agents import ResolvedAgent
from clawkeep.config.schema.session import SessionConfig
from clawkeep.contracts import InboundMessage
from clawkeep.sessions.keys import session_key

__all__ = ["Route", "route"]


@dataclass(frozen=True, slots=True)
class Route:
    """Where an admitted message goes; ``reason`` says why this agent."""

    agent_id: str
    session_key: str
    reason: str = "routing.default_agent"


def route(message: InboundMessage, agent: ResolvedAgent, session: SessionConfig) -> Route:
    """Route ``message`` to ``agent`` in the session ``session.dmScope`` gives it."""
    key = session_key(agent.id, message, session.dm_scope, session.identity_links)
    if message.agent is not None:
        return Route(agent.id, key, reason="routing.requested_agent")
    return Route(agent.id, key)
