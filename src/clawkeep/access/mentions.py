"""Was a group message addressed to the agent? Native mentions first, patterns otherwise.

Patterns come from the agent's ``groupChat.mentionPatterns``; they were checked for
catastrophic backtracking when the config loaded (``config.schema._regex``) and are
matched case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from clawkeep.contracts import InboundMessage

__all__ = ["compile_patterns", "is_mentioned"]


def compile_patterns(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def is_mentioned(message: InboundMessage, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """True when the channel says the agent was mentioned, or (without native data) a
    mention pattern matches the text."""
    if message.mentioned_self is not None:
        return message.mentioned_self
    return any(p.search(message.text) for p in patterns)
