"""The Signal channel's loop: read signal-cli's event stream, hand on, reply, reconnect.

``SignalReceiver.run()`` loops until cancelled (the gateway runs it as a background
task). Each message is stored in the durable inbox before its turn and marked done
after, so a crash re-runs what was pending at the next start; a stream that ends or
fails is opened again with exponential backoff. With ``--receive-mode on-connection``
signal-cli fetches from Signal's servers only while we are connected, so messages sent
while the gateway is down wait on Signal's side and arrive when it reconnects.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from clawkeep.channels.inbox import Inbox
from clawkeep.channels.signal.client import (
    DaemonOwnerError,
    SignalClient,
    SignalError,
    daemon_address,
)
from clawkeep.channels.signal.parse import SIGNAL, parse_event
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.contracts import InboundHandler, InboundMessage
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.phoneids import e164

__all__ = ["INBOX_FILE", "SignalReceiver", "receivers_from_config"]

INBOX_FILE = "signal-inbox.sqlite"
MAX_PIECE = 2000  # long replies go out in pieces a phone shows comfortably


def _pieces(text: str) -> list[str]:
    return [text[i : i + MAX_PIECE] for i in range(0, len(text), MAX_PIECE)] or [""]


class SignalReceiver:
    """One Signal account (one daemon) feeding an InboundHandler."""

    def __init__(
        self,
        name: str,
        number: str | None,
        client: SignalClient,
        handler: InboundHandler,
        *,
        events: EventLog,
        inbox: Inbox,
        retry_delay: float = 1.0,
        max_retry_delay: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self.number = number
        self.client = client
        self.handler = handler
        self.events = events
        self.inbox = inbox
        self._delay = retry_delay
        self._max_delay = max_retry_delay
        self._clock = clock

    def _emit(self, reason: str, detail: str = "") -> None:
        self.events.emit("channels.signal", reason, account=self.name, detail=detail)

    async def run(self) -> None:
        """Read the stream until cancelled, reconnecting with backoff."""
        delay = self._delay
        try:
            await self.drain()  # what a crash left pending runs first
            while True:
                try:
                    async for event in self.client.events(self.number):
                        delay = self._delay  # the stream works: reset the backoff
                        await self.on_event(event)
                    self._emit("channels.signal.stream_closed")
                except DaemonOwnerError as exc:
                    self._emit(exc.deny.reason, exc.deny.detail)
                except SignalError as exc:
                    self._emit("channels.signal.stream_failed", str(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._max_delay)
        finally:
            await self.client.aclose()

    async def on_event(self, event: object) -> None:
        item = parse_event(event, account=self.name, me=self.number, now=self._clock())
        if item is None:
            return
        if isinstance(item, Deny):
            self._emit(item.reason, item.detail)
            return
        if not self.inbox.accept(item, self._clock()):
            self._emit("channels.signal.replay", "message already seen")
            return
        await self._one(item)

    async def drain(self) -> None:
        for msg in self.inbox.pending():
            await self._one(msg)

    async def _one(self, msg: InboundMessage) -> None:
        try:
            outcome = await self.handler.handle(msg)
            if outcome.reply:
                await self._reply(msg, outcome.reply)
        except DaemonOwnerError as exc:
            self._emit(exc.deny.reason, exc.deny.detail)
        except SignalError as exc:
            self._emit("channels.signal.send_failed", str(exc))
        except Exception as exc:  # one bad turn must not stop the channel (not a decision)
            self._emit("channels.signal.handler_failed", type(exc).__name__)
        self.inbox.done(msg)

    async def _reply(self, msg: InboundMessage, text: str) -> None:
        for piece in _pieces(text):
            if msg.chat_type == "group" and msg.group:
                await self.client.send(self.number, piece, group=msg.group)
            else:
                await self.client.send(
                    self.number, piece, recipient=msg.sender.removeprefix("uuid:")
                )


def receiver_from_config(
    name: str,
    cfg: ChannelAccessConfig,
    handler: InboundHandler,
    *,
    events: EventLog,
    state_dir: Path,
) -> SignalReceiver | Deny | None:
    """A receiver for a configured account; None when disabled; Deny when misconfigured."""
    if not cfg.enabled:
        return None
    address = daemon_address(cfg)
    if isinstance(address, Deny):
        return address
    number = e164(cfg.account) if cfg.account else None
    if number is None:
        return Deny(
            "channels.signal.no_account", "channels.signal.account (the +number) is not set"
        )
    inbox = Inbox(state_dir / INBOX_FILE)
    return SignalReceiver(name, number, SignalClient(address), handler, events=events, inbox=inbox)


def receivers_from_config(
    config: RootConfig, handler: InboundHandler, *, events: EventLog, state_dir: Path
) -> list[SignalReceiver]:
    """One receiver per enabled, well-configured ``channels.signal`` account."""
    ch = config.channels.get(SIGNAL)
    if ch is None or not ch.enabled:
        return []
    out = []
    for name in ("default", *ch.accounts):
        cfg = ch.for_account(name)
        rec = (
            receiver_from_config(name, cfg, handler, events=events, state_dir=state_dir)
            if cfg
            else None
        )
        if isinstance(rec, SignalReceiver):
            out.append(rec)
        elif isinstance(rec, Deny):
            events.emit("channels.signal", rec.reason, account=name, detail=rec.detail)
    return out
