"""signal-cli's HTTP daemon: where it is, JSON-RPC calls, and its event stream.

The owner runs ``signal-cli -a +NUMBER daemon --http 127.0.0.1:8080 --receive-mode
on-connection``; clawkeep calls ``POST /api/v1/rpc`` (JSON-RPC 2.0) and reads
``GET /api/v1/events`` (server-sent events). The daemon holds the account's keys, so
it must be on this machine: a loopback address or a unix socket (``httpUrl:
"unix:/run/signal-cli/http.sock"``), unless ``allowRemoteDaemon`` says otherwise.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx2

from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.decision import Deny

__all__ = ["DaemonAddress", "SignalClient", "SignalError", "daemon_address"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
_MAX_EVENT = 1024 * 1024
_MAX_RESPONSE = 1024 * 1024


class SignalError(Exception):
    """A daemon call failed (I/O, HTTP status, JSON-RPC error)."""


@dataclass(frozen=True, slots=True)
class DaemonAddress:
    """Where the daemon listens: an http(s) base URL, or a unix socket with a dummy base."""

    base_url: str
    uds: str | None = None
    local: bool = True


def _is_local_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def daemon_address(cfg: ChannelAccessConfig) -> DaemonAddress | Deny:
    """The daemon's address from ``httpUrl`` (or ``httpHost``/``httpPort``), checked."""
    url = cfg.http_url
    if url is not None and url.startswith("unix:"):
        path = url[len("unix:") :]
        if not path.startswith("/"):
            return Deny("channels.signal.bad_url", "httpUrl unix: needs an absolute socket path")
        return DaemonAddress("http://signal-cli", uds=path)
    if url is None:
        host = cfg.http_host or DEFAULT_HOST
        url = f"http://{host}:{cfg.http_port or DEFAULT_PORT}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Deny("channels.signal.bad_url", "httpUrl must be http://host:port or unix:/path")
    local = _is_local_host(parts.hostname)
    if not local and not cfg.allow_remote_daemon:
        # The daemon holds the account's keys and every message: keep it on this machine.
        return Deny(
            "channels.signal.remote_daemon",
            f"signal-cli daemon at {parts.hostname} is not on this machine; run it on "
            "127.0.0.1 or a unix socket, or set allowRemoteDaemon: true",
        )
    return DaemonAddress(url.rstrip("/"), local=local)


class SignalClient:
    """JSON-RPC and the event stream of one daemon."""

    def __init__(self, address: DaemonAddress, *, read_timeout: float = 90.0) -> None:
        self.address = address
        transport = httpx2.AsyncHTTPTransport(uds=address.uds) if address.uds else None
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
                size = 0
                async for line in resp.aiter_lines():
                    if line.startswith("data:"):
                        piece = line[5:].lstrip(" ")
                        size += len(piece)
                        if size > _MAX_EVENT:  # a runaway event is dropped, not buffered
                            data, size = [], 0
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
