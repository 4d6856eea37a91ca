"""Server-sent events from a line iterator: (event, data) pairs, `[DONE]` ends OpenAI's.

One event's data lines are held until its blank line: capped (`PendingCap`), so a stream of
data lines that never ends an event cannot grow memory past the cap.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from clawkeep.agents.providers._accumulate import PendingCap

__all__ = ["sse_events"]


async def sse_events(lines: AsyncIterator[str]) -> AsyncIterator[tuple[str, str]]:
    """Group `event:` / `data:` lines into events (blank line ends one)."""
    event = "message"
    data: list[str] = []
    held = PendingCap()
    async for line in lines:
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
            held.reset()
        elif line.startswith(":"):
            continue  # a comment / keep-alive
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            held.add(line)
            data.append(line[5:].removeprefix(" "))
    if data:
        yield event, "\n".join(data)
