"""The channel-guard seam: any object with ``scan(text, channel=...)`` returning a verdict.

``block`` stops the message before the agent; ``flag`` lets it through annotated and
marked flagged: the tool policy then takes `guards.channel.highRiskTools` away for that
turn (``clawkeep.policy.resolve.flagged_turn_deny``, the one place this is decided).
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["ChannelScanner", "ScanVerdict", "guard_reason"]


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
