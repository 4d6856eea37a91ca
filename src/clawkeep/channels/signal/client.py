"""signal-cli's HTTP daemon: JSON-RPC calls and its event stream (the address: ``signal_address``).

The owner runs ``signal-cli -a +NUMBER daemon --http 127.0.0.1:8080 --receive-mode
on-connection``; clawkeep calls ``POST /api/v1/rpc`` (JSON-RPC 2.0) and reads
``GET /api/v1/events`` (server-sent events). The daemon holds the account's keys, so
it must be on this machine: a loopback address or a unix socket (``httpUrl:
"unix:/run/signal-cli/http.sock"``), unless ``allowRemoteDaemon`` says otherwise.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpcore2
import httpx2

from clawkeep.channels.signal.peer import daemon_owner_refusal
from clawkeep.channels.signal_address import DaemonAddress, daemon_address
from clawkeep.decision import Deny

__all__ = ["DaemonAddress", "DaemonOwnerError", "SignalClient", "SignalError", "daemon_address"]

_MAX_EVENT = 1024 * 1024
_MAX_RESPONSE = 1024 * 1024
_MAX_LINE = _MAX_EVENT + 64


async def _lines(chunks: AsyncIterator[bytes]) -> AsyncIterator[str]:
    """The stream's lines (ended by LF, a CR before it dropped), each at most ``_MAX_LINE`` bytes.

    A line that does not end within the bound ends the stream with an error (the caller
    reconnects): a daemon that never sends a newline must not grow memory without bound.
    """
    buf = b""
    async for chunk in chunks:
        buf += chunk
        *whole, buf = buf.split(b"\n")
        for raw in whole:
            yield raw.removesuffix(b"\r").decode("utf-8", "replace")
        if len(buf) > _MAX_LINE:  # bounded buffer: never hold an unending line
            raise SignalError(f"events: a line longer than {_MAX_LINE} bytes")
    if buf:
        yield buf.decode("utf-8", "replace")


class SignalError(Exception):
    """A daemon call failed (I/O, HTTP status, JSON-RPC error)."""


class DaemonOwnerError(SignalError):
    """The daemon's socket belongs to another user: nothing was sent to it."""

    def __init__(self, deny: Deny) -> None:
        super().__init__(deny.detail)
        self.deny = deny


class _OwnerCheckedBackend(httpcore2.AsyncNetworkBackend):
    """Connects as usual, then refuses a connection whose far end is another user's."""

    def __init__(self, owner_uid: int) -> None:
        self._inner = httpcore2.AnyIOBackend()
        self._owner_uid = owner_uid

    async def _checked(self, stream: httpcore2.AsyncNetworkStream) -> httpcore2.AsyncNetworkStream:
        refusal = daemon_owner_refusal(stream.get_extra_info("socket"), self._owner_uid)
        if refusal is not None:  # before the first request byte: the impostor learns nothing
            await stream.aclose()
            raise DaemonOwnerError(refusal)
        return stream

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        stream = await self._inner.connect_tcp(
            host, port, timeout, local_address=local_address, socket_options=socket_options
        )
        return await self._checked(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.AsyncNetworkStream:
        stream = await self._inner.connect_unix_socket(path, timeout, socket_options)
        return await self._checked(stream)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _transport(address: DaemonAddress) -> httpx2.AsyncHTTPTransport | None:
    if address.owner_uid is None:
        return httpx2.AsyncHTTPTransport(uds=address.uds) if address.uds else None
    transport = httpx2.AsyncHTTPTransport(uds=address.uds)
    # httpx takes no network backend of its own; its pool does (httpcore's public API).
    transport._pool = httpcore2.AsyncConnectionPool(
        uds=address.uds, network_backend=_OwnerCheckedBackend(address.owner_uid)
    )
    return transport


class SignalClient:
    """JSON-RPC and the event stream of one daemon."""

    def __init__(self, address: DaemonAddress, *, read_timeout: float = 90.0) -> None:
        self.address = address
        transport = _transport(address)
        self._http = httpx2.AsyncClient(
            timeout=httpx2.Timeout(10.0, read=read_timeout),
            transport=transport,
            trust_env=False,  # never route the daemon's traffic through an env proxy
            follow_redirects=False,
        )
        self._ids = itertools.count(1)

    async def rpc(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Call ``method``; its ``result``."""
        req = {"jsonrpc": "2.0", "method": method, "params": params or {}, "id": next(self._ids)}
        try:
            resp = await self._http.post(f"{self.address.base_url}/api/v1/rpc", json=req)
        except httpx2.HTTPError as exc:
            raise SignalError(f"{method}: {type(exc).__name__}") from None
        if len(resp.content) > _MAX_RESPONSE:
            raise SignalError(f"{method}: response too large")
        try:
            body = resp.json()
        except ValueError:
            raise SignalError(f"{method}: HTTP {resp.status_code}, not JSON") from None
        if not isinstance(body, dict):
            raise SignalError(f"{method}: HTTP {resp.status_code}, not a JSON-RPC answer")
        err = body.get("error")
        if err is not None:
            msg = err.get("message") if isinstance(err, dict) else err
            raise SignalError(f"{method}: {str(msg)[:200]}")
        return body.get("result")

    async def send(
        self,
        account: str | None,
        text: str,
        *,
        recipient: str | None = None,
        group: str | None = None,
    ) -> Any:
        params: dict[str, Any] = {"message": text}
        if account:
            params["account"] = account
        if group is not None:
            params["groupId"] = group
        else:
            params["recipient"] = [recipient]
        return await self.rpc("send", params)

    async def events(self, account: str | None) -> AsyncIterator[Any]:
        """Each event's JSON from the stream, until the daemon closes it."""
        params = {"account": account} if account else None
        url = f"{self.address.base_url}/api/v1/events"
        try:
            async with self._http.stream("GET", url, params=params) as resp:
                if resp.status_code != 200:
                    raise SignalError(f"events: HTTP {resp.status_code}")
                data: list[str] = []
                size, dropping = 0, False
                async for line in _lines(resp.aiter_bytes()):
                    if not line and dropping:
                        dropping = False  # the runaway event ended here
                    elif line.startswith("data:") and not dropping:
                        piece = line[5:].lstrip(" ")
                        size += len(piece)
                        if size > _MAX_EVENT:  # a runaway event is dropped, not buffered
                            data, size, dropping = [], 0, True
                            continue
                        data.append(piece)
                    elif not line and data:
                        text, data, size = "\n".join(data), [], 0
                        try:
                            yield json.loads(text)
                        except (ValueError, RecursionError):
                            yield None
        except httpx2.HTTPError as exc:
            raise SignalError(f"events: {type(exc).__name__}") from None

    async def aclose(self) -> None:
        await self._http.aclose()
