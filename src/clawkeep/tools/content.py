"""The content guard as the sessions_send hook: a payload it blocks never reaches the
target agent; one it allows enters the target's session as untrusted content, and one it
flags does too, with the flag kept (``Flagged``): the target's turn loses its risky tools.
"""

from __future__ import annotations

from clawkeep.decision import Allow, Deny
from clawkeep.guards.content_guard import ContentGuard
from clawkeep.tools.base import ContentHook, Flagged

__all__ = ["content_guard_hook"]


def content_guard_hook(guard: ContentGuard) -> ContentHook:
    """Adapt ``guard.check`` to the hook: allow -> Allow, flag -> Flagged, else Deny."""

    async def hook(text: str, source: str) -> Allow | Flagged | Deny:
        verdict = await guard.check(text, source=source)
        if verdict.verdict == "allow":
            return Allow(verdict.reason, verdict.detail)
        if verdict.verdict == "flag":
            # The flag travels with the payload: dropped here, the target would run it
            # with every tool, as if the guard had never looked.
            return Flagged(verdict.reason, verdict.detail)
        return Deny(verdict.reason, verdict.detail)  # block, or anything unknown

    return hook
