"""The Telegram channel: long-poll getUpdates, hand each message to the pipeline, reply.

``TelegramPoller.run()`` loops until cancelled (the gateway runs it as a background task
and cancels it on shutdown; the HTTP client is closed on the way out). A malformed
update is logged and skipped, a failing call backs off and retries, and a failure in
the pipeline for one message does not stop the channel.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clawkeep.channels.telegram.client import TelegramClient, TelegramError, split_message
from clawkeep.channels.telegram.parse import TELEGRAM, BotIdentity, parse_update
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.contracts import InboundHandler, InboundMessage
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.fsutil import atomic_write, ensure_private_dir

__all__ = ["TelegramPoller", "offset_path", "poller_from_config", "pollers_from_config"]


class TelegramPoller:
    """One Telegram bot account feeding an InboundHandler."""

    def __init__(
        self,
        account: str,
        client: TelegramClient,
        handler: InboundHandler,
        *,
        events: EventLog,
        retry_delay: float = 1.0,
        max_retry_delay: float = 30.0,
        clock: Callable[[], float] = time.time,
        offset_file: Path | None = None,
    ) -> None:
        self.account = account
        self.client = client
        self.handler = handler
        self.events = events
        self.offset_file = offset_file
        self.offset: int | None = _read_offset(offset_file)
        self.bot: BotIdentity | None = None
        self._delay = retry_delay
        self._max_delay = max_retry_delay
        self._clock = clock

    async def run(self) -> None:
        """Poll until cancelled."""
        delay = self._delay
        try:
            while True:
                try:
                    await self.poll_once()
                    delay = self._delay
                except TelegramError as exc:
                    self.events.emit(
                        "channels.telegram",
                        "channels.telegram.poll_failed",
                        account=self.account,
                        error=str(exc),
                    )
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, self._max_delay)
        finally:
            await self.client.aclose()

    async def identify(self) -> BotIdentity:
        """Ask getMe who the bot is (once)."""
        if self.bot is None:
            me = await self.client.get_me()
            if not isinstance(me, dict) or not isinstance(me.get("id"), int):
                raise TelegramError("getMe: malformed answer")
            self.bot = BotIdentity(me["id"], str(me.get("username") or ""))
        return self.bot

    async def poll_once(self) -> int:
        """One getUpdates round; returns how many updates it consumed."""
        bot = await self.identify()
        updates = await self.client.get_updates(self.offset)
        if not isinstance(updates, list):
            raise TelegramError("getUpdates: result is not a list")
        before = self.offset
        for raw in updates:
            self._advance(raw)
            await self._one(raw, bot)
        if self.offset_file is not None and self.offset != before:
            # Handled updates stay confirmed across a restart: no reply is sent twice.
            ensure_private_dir(self.offset_file.parent)
            atomic_write(self.offset_file, str(self.offset))
        return len(updates)

    def _advance(self, raw: Any) -> None:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if isinstance(update_id, int) and not isinstance(update_id, bool):
            # Confirm even a malformed update: otherwise it is redelivered forever.
            self.offset = max(self.offset or 0, update_id + 1)

    async def _one(self, raw: Any, bot: BotIdentity) -> None:
        msg = parse_update(raw, bot, account=self.account, now=self._clock())
        if isinstance(msg, Deny):
            self.events.emit(
                "channels.telegram", msg.reason, account=self.account, detail=msg.detail
            )
            return
        try:
            outcome = await self.handler.handle(msg)
            if outcome.reply:
                await self._reply(msg, outcome.reply)
        except TelegramError as exc:
            self.events.emit(
                "channels.telegram",
                "channels.telegram.send_failed",
                account=self.account,
                error=str(exc),
            )
        except Exception as exc:  # one bad turn must not stop the channel (not a decision)
            self.events.emit(
                "channels.telegram",
                "channels.telegram.handler_failed",
                account=self.account,
                error=type(exc).__name__,
            )

    async def _reply(self, msg: InboundMessage, text: str) -> None:
        chat = msg.group if msg.chat_type == "group" and msg.group else msg.sender
        for piece in split_message(text):  # long replies go out in API-sized pieces
            await self.client.send_message(chat, piece, thread=msg.thread, reply_to=msg.raw_id)


def _read_offset(path: Path | None) -> int | None:
    try:
        text = path.read_text().strip() if path is not None else ""
    except FileNotFoundError:
        return None
    return int(text) if text.isdigit() else None


def offset_path(state_dir: Path, account: str) -> Path:
    """Where ``account``'s confirmed update offset is kept (names hashed when unsafe)."""
    safe = account if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", account) else None
    name = safe or hashlib.sha256(account.encode()).hexdigest()[:16]
    return state_dir / "telegram" / f"offset-{name}"


def poller_from_config(
    account: str,
    cfg: ChannelAccessConfig,
    handler: InboundHandler,
    *,
    events: EventLog,
    state_dir: Path | None = None,
) -> TelegramPoller | None:
    """A poller for a configured account, or None when it has no bot token."""
    if cfg.bot_token is None or not cfg.enabled:
        return None
    client = TelegramClient(
        cfg.bot_token.get_secret_value(), cfg.api_base_url, poll_timeout=cfg.poll_timeout_seconds
    )
    offsets = offset_path(state_dir, account) if state_dir is not None else None
    return TelegramPoller(account, client, handler, events=events, offset_file=offsets)


def pollers_from_config(
    config: RootConfig,
    handler: InboundHandler,
    *,
    events: EventLog,
    state_dir: Path | None = None,
) -> list[TelegramPoller]:
    """One poller per enabled `channels.telegram` account that has a bot token."""
    ch = config.channels.get(TELEGRAM)
    if ch is None or not ch.enabled:
        return []
    out = []
    for name in ("default", *ch.accounts):
        cfg = ch.for_account(name)
        poller = (
            poller_from_config(name, cfg, handler, events=events, state_dir=state_dir)
            if cfg
            else None
        )
        if poller is not None:
            out.append(poller)
    return out
