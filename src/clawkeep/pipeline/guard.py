"""The channel-guard seam: any object with ``scan(text, channel=...)`` returning a verdict.

``block`` stops the message before the agent; ``flag`` lets it through annotated, with
the high-risk tools taken away for that turn (the model may be obeying the attacker).
"""

from __future__ import annotations

from typing import Protocol

from clawkeep.risk import FLAGGED_TURN_DENY

__all__ = ["HIGH_RISK_TOOLS", "ChannelScanner", "ScanVerdict", "guard_reason"]

# The tools a flagged (possibly injected) turn must not have: each one turns words into
# a side effect outside the conversation. The one list lives in clawkeep.risk.
HIGH_RISK_TOOLS: frozenset[str] = FLAGGED_TURN_DENY


class ScanVerdict(Protocol):
    """What the classifier said: ``verdict`` is "allow", "flag" or "block"."""

    @property
    def verdict(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def reason(self) -> str: ...


class ChannelScanner(Protocol):
    """The channel guard (``clawkeep.guards.channel_guard.ChannelGuard`` satisfies it)."""

    def scan(self, text: str, *, channel: str) -> ScanVerdict: ...


_VERDICT_REASONS = {
    "allow": "channel_guard.allow",
    "flag": "channel_guard.flag",
    "block": "channel_guard.block",
}


def guard_reason(verdict: ScanVerdict) -> str:
    """The guard's own dotted reason, or the code of its verdict."""
    if "." in verdict.reason:
        return verdict.reason
    return _VERDICT_REASONS.get(verdict.verdict, "channel_guard.block")
