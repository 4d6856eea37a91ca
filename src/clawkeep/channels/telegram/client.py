"""A small Bot API client: getMe, getUpdates (long polling) and sendMessage.

The token is part of every request path (``/bot<token>/<method>``), so nothing here
ever puts a URL or a transport exception's text into an error: errors name the method
and the API's own description only, and are raised ``from None``.
"""

from __future__ import annotations

from typing import Any

import httpx2

__all__ = ["DEFAULT_API_BASE", "MAX_REPLY", "TelegramClient", "TelegramError", "split_message"]

DEFAULT_API_BASE = "https://api.telegram.org"
MAX_REPLY = 4096  # the Bot API's limit on one message's text
_MAX_RESPONSE = 4 * 1024 * 1024


def split_message(text: str, limit: int = MAX_REPLY) -> list[str]:
    """``text`` in pieces of at most ``limit`` UTF-16 code units (how the API counts)."""
    pieces, start, units = [], 0, 0
    for i, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > limit:
            pieces.append(text[start:i])
            start, units = i, 0
        units += width
    pieces.append(text[start:])
    return [p for p in pieces if p]


class TelegramError(Exception):
    """A Bot API call failed (I/O, HTTP status or ``ok: false``); never contains the token."""


class TelegramClient:
    """Calls the Bot API at ``base_url`` with ``token``."""

    def __init__(self, token: str, base_url: str | None = None, *, poll_timeout: int = 30) -> None:
        self._token = token
        self._base = (base_url or DEFAULT_API_BASE).rstrip("/")
        self.poll_timeout = poll_timeout
        self._http = httpx2.AsyncClient(
            timeout=httpx2.Timeout(10.0, read=poll_timeout + 10.0),
            trust_env=False,  # the environment's proxy must not see the bot token
            follow_redirects=False,
        )

    async def call(self, method: str, payload: dict[str, Any] | None = None) -> Any:
        """Call ``method`` and return its ``result``."""
        url = f"{self._base}/bot{self._token}/{method}"
        try:
            resp = await self._http.post(url, json=payload or {})
        except httpx2.HTTPError as exc:
            raise TelegramError(f"{method}: {type(exc).__name__}") from None
        if len(resp.content) > _MAX_RESPONSE:
            raise TelegramError(f"{method}: response larger than {_MAX_RESPONSE} bytes")
        try:
            body = resp.json()
        except ValueError:
            raise TelegramError(f"{method}: HTTP {resp.status_code}, not JSON") from None
        if not isinstance(body, dict) or body.get("ok") is not True:
            desc = body.get("description") if isinstance(body, dict) else None
            raise TelegramError(f"{method}: HTTP {resp.status_code}, {str(desc)[:200]}")
        return body.get("result")

    async def get_me(self) -> Any:
        return await self.call("getMe")

    async def get_updates(self, offset: int | None) -> Any:
        payload: dict[str, Any] = {"timeout": self.poll_timeout, "allowed_updates": ["message"]}
        if offset is not None:
            payload["offset"] = offset
        return await self.call("getUpdates", payload)

    async def send_message(
        self, chat_id: str, text: str, *, thread: str | None = None, reply_to: str | None = None
    ) -> Any:
        payload: dict[str, Any] = {
            "chat_id": int(chat_id),
            "text": (split_message(text) or [""])[0],
        }
        if thread is not None:
            payload["message_thread_id"] = int(thread)
        if reply_to is not None:
            payload["reply_parameters"] = {
                "message_id": int(reply_to),
                "allow_sending_without_reply": True,
            }
        return await self.call("sendMessage", payload)

    async def aclose(self) -> None:
        await self._http.aclose()
