"""The content guard as the sessions_send hook: a payload it blocks never reaches the
target agent; one it allows (or flags) enters the target's session as untrusted content.
"""

from __future__ import annotations

from clawkeep.decision import Allow, Deny
from clawkeep.guards.content_guard import ContentGuard
from clawkeep.tools.base import ContentHook

__all__ = ["content_guard_hook"]


def content_guard_hook(guard: ContentGuard) -> ContentHook:
    """Adapt ``guard.check`` to the hook: block -> Deny, anything else -> Allow."""

    async def hook(text: str, source: str) -> Allow | Deny:
        verdict = await guard.check(text, source=source)
        if verdict.verdict == "allow" or verdict.verdict == "flag":
            return Allow(verdict.reason, verdict.detail)
        return Deny(verdict.reason, verdict.detail)  # block, or anything unknown

    return hook
