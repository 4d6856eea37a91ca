"""Where each item of a turn's context came from: the owner, another sender, or outside.

Owner: messages on an owner-authenticated channel, the config, the agent's identity
files. Sender: a paired contact, a group member, a stranger. Outside: web pages, files
the agent read, plugin/MCP tool results, sessions_send payloads, other agents' replies.
Gateway: what clawkeep itself produced (a background job id, grounding only exec and
process). Model: the model's own words and the gateway's echoes of its choices ("sent to
…"): they ground nothing. Untrusted = sender or outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

__all__ = ["SOURCES", "ContextItem", "Source"]

Source = Literal["owner", "gateway", "sender", "outside", "model"]
SOURCES: Final[tuple[Source, ...]] = get_args(Source)


@dataclass(frozen=True, slots=True)
class ContextItem:
    """One item the model has read; ``flagged``: the injection classifier flagged it;
    ``steered``: a read whose object (a path, a URL, an id) untrusted content chose."""

    role: str
    content: str
    source: Source
    flagged: bool = False
    origin: str = ""  # e.g. "file:inbox.eml", "agent:search", "web:https://..."
    steered: bool = False

    @property
    def untrusted(self) -> bool:
        return self.source in ("sender", "outside")
