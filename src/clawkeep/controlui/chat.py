"""The Control UI's chat: the operator's message goes through the real pipeline, and the
page sees the turn's own events (tool verdicts, guard blocks) as they happen, then the
outcome. Only this message's events and its session's are streamed; a flood of events
drops events, never grows the gateway's memory."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request

from clawkeep.contracts import InboundMessage
from clawkeep.controlui.guard import core_of
from clawkeep.controlui.views import ControlUiDeps
from clawkeep.events.log import Event

__all__ = ["chat_stream", "sse"]

_log = logging.getLogger("clawkeep.controlui")


def sse(data: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(data, ensure_ascii=False, default=str)}\n\n".encode()


async def chat_stream(
    deps: ControlUiDeps, request: Request, message: InboundMessage
) -> AsyncIterator[bytes]:
    """Run the operator's message through the pipeline; stream the turn's events (only
    this message's and its session's), then its outcome, as server-sent events."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=512)

    def put(event: Event) -> None:
        if not queue.full():  # a flood of events loses events, not the gateway's memory
            queue.put_nowait(event)

    def offer(event: Event) -> None:
        try:
            loop.call_soon_threadsafe(put, event)
        except RuntimeError:
            return  # the loop is gone

    unhook = deps.events.subscribe(offer)
    task = asyncio.create_task(deps.handler.handle(message))
    core_of(request).track(task)  # shutdown waits for a turn the operator started
    keys: set[str] = set()
    try:
        while True:
            getter = asyncio.ensure_future(queue.get())
            await asyncio.wait({getter, task}, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():
                getter.cancel()
                break
            event = getter.result()
            fields = event.fields
            if fields.get("raw_id") == message.raw_id and fields.get("session_key"):
                keys.add(str(fields["session_key"]))
            if fields.get("raw_id") == message.raw_id or fields.get("session_key") in keys:
                yield sse({"type": "event", "kind": event.kind, "reason": event.reason, **fields})
        try:
            outcome = await task
        except Exception:
            _log.exception("control UI chat turn failed")
            yield sse({"type": "error", "reason": "controlui.failed"})
            return
        while not queue.empty():  # events emitted just before the turn ended
            event = queue.get_nowait()
            if event.fields.get("session_key") in keys:
                yield sse(
                    {
                        "type": "event",
                        "kind": event.kind,
                        "reason": event.reason,
                        **event.fields,
                    }
                )
        yield sse(
            {
                "type": "outcome",
                "kind": outcome.kind,
                "reason": outcome.reason,
                "reply": outcome.reply,
                "detail": outcome.detail,
                "agent": outcome.agent_id,
                "sessionKey": outcome.session_key,
                "annotations": list(outcome.annotations),
            }
        )
    finally:
        unhook()
