"""The event stream a WebSocket client can subscribe to: event-log records and chat lines.

Publishing never blocks the publisher: each subscriber has a bounded queue, and a client
too slow to drain it loses events (counted), not the gateway's memory.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clawkeep.events.log import Event, EventLog

__all__ = ["EventBus", "Subscription"]


@dataclass(eq=False, slots=True)
class Subscription:
    """One client's subscription: kind prefixes (empty: all) and its queue."""

    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[dict[str, Any]]
    kinds: tuple[str, ...] = ()
    dropped: int = 0
    _closed: bool = field(default=False)

    def wants(self, kind: str) -> bool:
        return not self.kinds or any(kind == k or kind.startswith(k + ".") for k in self.kinds)

    def offer(self, frame: dict[str, Any]) -> None:
        if self._closed:
            return
        try:
            self.queue.put_nowait(frame)
        except asyncio.QueueFull:
            self.dropped += 1  # a slow client loses events, the gateway keeps its memory


class EventBus:
    """Fans events out to subscriptions, from any thread."""

    def __init__(self, events: EventLog | None = None) -> None:
        self._lock = threading.Lock()
        self._subs: set[Subscription] = set()
        self._unhook: Callable[[], None] | None = None
        if events is not None:
            self._unhook = events.subscribe(self._from_log)

    def subscribe(self, kinds: tuple[str, ...] = (), max_queue: int = 256) -> Subscription:
        sub = Subscription(asyncio.get_running_loop(), asyncio.Queue(max_queue), kinds)
        with self._lock:
            self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        sub._closed = True
        with self._lock:
            self._subs.discard(sub)

    def publish(self, kind: str, data: dict[str, Any]) -> None:
        frame = {"type": "event", "event": kind, "data": data}
        with self._lock:
            targets = [s for s in self._subs if s.wants(kind)]
        for sub in targets:
            try:
                sub.loop.call_soon_threadsafe(sub.offer, frame)
            except RuntimeError:
                self.unsubscribe(sub)  # its loop is gone

    def close(self) -> None:
        if self._unhook is not None:
            self._unhook()
            self._unhook = None

    def _from_log(self, event: Event) -> None:
        # Event-log records were redacted before they reached any subscriber.
        self.publish(event.kind, {"ts": event.ts, "reason": event.reason, **event.fields})
