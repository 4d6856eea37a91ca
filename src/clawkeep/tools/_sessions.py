"""Which sessions a tool may see: its own agent's, by the `agent:<id>:` key prefix."""

from __future__ import annotations

from clawkeep.sessions import escape_part

__all__ = ["agent_of", "delegate_key", "main_key", "owned_by"]


def owned_by(session_key: str, agent_id: str) -> bool:
    return session_key.startswith(f"agent:{escape_part(agent_id.lower())}:")


def agent_of(session_key: str) -> str | None:
    parts = session_key.split(":")
    return parts[1] if len(parts) >= 3 and parts[0] == "agent" else None


def main_key(agent_id: str) -> str:
    return f"agent:{escape_part(agent_id.lower())}:main"


def delegate_key(target: str, caller_session: str) -> str:
    """The target's session for work delegated from the caller's session ``caller_session``.

    One per caller session (not per caller agent, and never the target's main one): two
    senders with their own sessions never share the target's transcript. The caller's key
    is escaped whole, so it cannot spell another caller's key.
    """
    return f"agent:{escape_part(target.lower())}:delegate:{escape_part(caller_session)}"
