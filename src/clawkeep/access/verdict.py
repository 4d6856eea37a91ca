"""The access stage's answer: admit, pair (a code was or is being issued) or drop.

Reason codes (stable; the event log and the audit use the same strings):
access.owner, access.dm.allowed, access.dm.approved, access.dm.open, access.dm.disabled,
access.dm.not_allowed, access.pairing.code_issued, access.pairing.pending,
access.pairing.cap_reached, access.group.allowed, access.group.disabled,
access.group.not_allowed, access.group.sender_not_allowed, access.group.no_mention,
access.group.missing_id,
access.channel.not_configured, access.channel.disabled, access.account.unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["AccessAction", "AccessVerdict"]

AccessAction = Literal["admit", "pair", "drop"]


@dataclass(frozen=True, slots=True)
class AccessVerdict:
    """What access control decided for one message; ``reply`` goes back to the sender."""

    action: AccessAction
    reason: str
    reply: str | None = None
    detail: str = ""

    @property
    def allowed(self) -> bool:
        return self.action == "admit"
