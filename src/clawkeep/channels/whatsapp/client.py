"""A small Graph API client: send a text message, and read the number (for the doctor).

The access token travels only in the Authorization header, never in a URL, a log line
or an error: errors name the call and the API's own error message, raised ``from None``.
"""

from __future__ import annotations

from typing import Any

import httpx2

__all__ = ["DEFAULT_GRAPH_BASE", "MAX_TEXT", "GraphClient", "WhatsAppError", "split_text"]

DEFAULT_GRAPH_BASE = "https://graph.facebook.com"
MAX_TEXT = 4096  # the Cloud API's limit on one text message's body
_MAX_RESPONSE = 1024 * 1024


class WhatsAppError(Exception):
    """A Graph API call failed; never contains the access token."""


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at a line end when one is near."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", limit // 2, limit)
        cut = cut + 1 if cut > 0 else limit
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


class GraphClient:
    """Calls the Cloud API for one business phone number."""

    def __init__(
        self,
        access_token: str,
        phone_number_id: str,
        *,
        base_url: str | None = None,
        version: str = "v21.0",
    ) -> None:
        self._root = f"{(base_url or DEFAULT_GRAPH_BASE).rstrip('/')}/{version}"
        self._number = phone_number_id
        self._http = httpx2.AsyncClient(
            timeout=httpx2.Timeout(15.0),
            headers={"Authorization": f"Bearer {access_token}"},
            trust_env=False,  # the environment's proxy must not see the access token
            follow_redirects=False,
        )

    async def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        try:
            resp = await self._http.request(method, f"{self._root}/{path}", json=payload)
        except httpx2.HTTPError as exc:
            raise WhatsAppError(f"{path.rsplit('/', 1)[-1]}: {type(exc).__name__}") from None
        if len(resp.content) > _MAX_RESPONSE:
            raise WhatsAppError(f"{path}: response larger than {_MAX_RESPONSE} bytes")
        try:
            body = resp.json()
        except ValueError:
            raise WhatsAppError(f"HTTP {resp.status_code}, not JSON") from None
        if resp.status_code >= 400 or not isinstance(body, dict):
            err = body.get("error") if isinstance(body, dict) else None
            msg = err.get("message") if isinstance(err, dict) else None
            raise WhatsAppError(f"HTTP {resp.status_code}, {str(msg)[:200]}")
        return body

    async def send_text(
        self, to: str, text: str, *, group: bool = False, reply_to: str | None = None
    ) -> list[str]:
        """Send ``text`` (split under the API's limit); the message ids the API gave."""
        ids: list[str] = []
        for i, piece in enumerate(split_text(text)):
            payload: dict[str, Any] = {
                "messaging_product": "whatsapp",
                "recipient_type": "group" if group else "individual",
                "to": to if group else to.lstrip("+"),
                "type": "text",
                "text": {"body": piece, "preview_url": False},
            }
            if reply_to is not None and i == 0:
                payload["context"] = {"message_id": reply_to}
            body = await self._call("POST", f"{self._number}/messages", payload)
            for m in body.get("messages") or []:
                if isinstance(m, dict) and isinstance(m.get("id"), str):
                    ids.append(m["id"])
        return ids

    async def number(self) -> dict[str, Any]:
        """The business number's record (one cheap call: proves the token is accepted)."""
        body = await self._call("GET", self._number)
        return dict(body)

    async def aclose(self) -> None:
        await self._http.aclose()
