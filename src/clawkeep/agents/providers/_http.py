"""The one HTTP client every provider adapter uses: timeouts, bounded retries, clear errors.

Retries only what may succeed later (connection failures, 429, 5xx), at most
``max_retries`` times with exponential backoff (honouring a short Retry-After); a bad
key (401/403), a missing model (404) or a bad request fails at once with a stable code.

The response is split into lines here, as it arrives, with each line capped
(``MAX_PENDING_BYTES``): one huge line with no newline (a 200 MB "reply") is cut with
`provider.output_too_large` once it passes the cap, never buffered whole first.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

import httpx2

from clawkeep.agents.providers._accumulate import MAX_PENDING_BYTES
from clawkeep.agents.providers.types import ProviderError

__all__ = ["HttpEngine", "bounded_lines"]

_RETRYABLE = frozenset({408, 409, 429, 500, 502, 503, 504, 529})
_MAX_ERROR_BODY = 2000
_MAX_RETRY_AFTER = 10.0

Sleep = Callable[[float], Awaitable[None]]


def _error_code(status: int) -> str:
    if status in (401, 403):
        return "provider.bad_key"
    if status == 404:
        return "provider.model_missing"
    if status == 429:
        return "provider.rate_limited"
    if status >= 500:
        return "provider.server_error"
    return "provider.bad_request"


def _error_message(status: int, body: bytes) -> str:
    text = body[:_MAX_ERROR_BODY].decode("utf-8", "replace")
    try:
        parsed = json.loads(text)
        err = parsed.get("error", parsed) if isinstance(parsed, dict) else parsed
        text = str(err.get("message") or err) if isinstance(err, dict) else str(err)
    except ValueError:
        pass
    return f"HTTP {status}: {text.strip()[:300]}"


def _retry_after(response: httpx2.Response, fallback: float) -> float:
    raw = response.headers.get("retry-after")
    try:
        return min(float(raw), _MAX_RETRY_AFTER) if raw else fallback
    except ValueError:
        return fallback


async def bounded_lines(
    chunks: AsyncIterator[bytes], max_line_bytes: int = MAX_PENDING_BYTES
) -> AsyncIterator[str]:
    """The lines of a byte stream (``\n`` or ``\r\n`` ends one), each at most
    ``max_line_bytes``; a longer one stops the stream as it arrives."""
    pending = bytearray()
    async for chunk in chunks:
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            if end < 0:
                break
            pending += chunk[start:end]
            start = end + 1
            if len(pending) > max_line_bytes:
                break
            yield pending.removesuffix(b"\r").decode("utf-8", "replace")
            pending.clear()
        if len(pending) <= max_line_bytes:
            pending += chunk[start:]
        if len(pending) > max_line_bytes:
            # Memory stays bounded by the cap: the rest of the line is never read.
            raise ProviderError(
                "provider.output_too_large",
                f"a response line passed {max_line_bytes} bytes; the stream was cut",
            )
    if pending:
        yield pending.removesuffix(b"\r").decode("utf-8", "replace")


class HttpEngine:
    """POSTs JSON and yields the response lines; one engine (and pool) per provider."""

    def __init__(
        self,
        timeout_seconds: float,
        max_retries: int,
        *,
        backoff_seconds: float = 0.5,
        sleep: Sleep = asyncio.sleep,
        transport: httpx2.AsyncBaseTransport | None = None,
    ) -> None:
        self._timeout = timeout_seconds
        self._retries = max_retries
        self._backoff = backoff_seconds
        self._sleep = sleep
        self._client = httpx2.AsyncClient(
            timeout=httpx2.Timeout(timeout_seconds),
            trust_env=False,  # no proxy or .netrc from the environment gets our key
            follow_redirects=False,  # a redirect must not carry the key elsewhere
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    @asynccontextmanager
    async def post_lines(
        self, url: str, headers: Mapping[str, str], body: Mapping[str, Any]
    ) -> AsyncIterator[AsyncIterator[str]]:
        """POST ``body``; yield an iterator over the (streamed) response lines."""
        attempt = 0
        streaming = False
        while True:
            try:
                async with self._client.stream("POST", url, json=body, headers=headers) as resp:
                    if resp.status_code >= 400:
                        raw = await resp.aread()
                        code = _error_code(resp.status_code)
                        if resp.status_code in _RETRYABLE and attempt < self._retries:
                            delay = _retry_after(resp, self._backoff * 2**attempt)
                            attempt += 1
                            await self._sleep(delay)
                            continue
                        raise ProviderError(code, _error_message(resp.status_code, raw))
                    streaming = True  # once lines flowed, a failure is final: no replay
                    yield bounded_lines(resp.aiter_bytes())
                    return
            except httpx2.TimeoutException as exc:
                if streaming or attempt >= self._retries:
                    raise ProviderError(
                        "provider.timeout", f"no answer within {self._timeout} s"
                    ) from exc
            except httpx2.TransportError as exc:
                if streaming or attempt >= self._retries:
                    raise ProviderError("provider.unreachable", f"{type(exc).__name__}") from exc
            attempt += 1
            await self._sleep(self._backoff * 2 ** (attempt - 1))
