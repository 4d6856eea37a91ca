"""The owner's chat commands on held calls: ``/approvals``, ``/approve CODE``, ``/deny CODE``.

Owner only (the commands gate checks it). The pipeline hands these to whatever answers
``ApprovalResolver`` (the agent runtime), which runs an approved call exactly once.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from clawkeep.contracts import InboundMessage

__all__ = ["APPROVAL_COMMANDS", "ApprovalResolver"]

APPROVAL_COMMANDS = frozenset({"approve", "deny", "approvals"})


@runtime_checkable
class ApprovalResolver(Protocol):
    """Lists, approves and denies held calls for the owner; returns the reply text."""

    async def resolve_approval(self, name: str, args: str, message: InboundMessage) -> str: ...
