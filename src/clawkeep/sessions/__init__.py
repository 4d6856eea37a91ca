"""Sessions: session keys (OpenClaw's forms), routing and the SQLite transcript store."""

from __future__ import annotations

from clawkeep.sessions.keys import canonical_peer, escape_part, session_key
from clawkeep.sessions.routing import Route, route
from clawkeep.sessions.store import Role, TranscriptEntry, TranscriptStore

__all__ = [
    "Role",
    "Route",
    "TranscriptEntry",
    "TranscriptStore",
    "canonical_peer",
    "escape_part",
    "route",
    "session_key",
]
