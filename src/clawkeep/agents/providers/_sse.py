"""Server-sent events from a line iterator: (event, data) pairs, `[DONE]` ends OpenAI's."""

from __future__ import annotations

from collections.abc import AsyncIterator

__all__ = ["sse_events"]


async def sse_events(lines: AsyncIterator[str]) -> AsyncIterator[tuple[str, str]]:
    """Group `event:` / `data:` lines into events (blank line ends one)."""
    event = "message"
    data: list[str] = []
    async for line in lines:
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith(":"):
            continue  # a comment / keep-alive
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    if data:
        yield event, "\n".join(data)
