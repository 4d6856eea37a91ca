"""Where signal-cli's HTTP daemon is, and whether it may be used: on this machine only.

The daemon's HTTP API has no authentication and holds the account's keys, so its
address must be loopback or a unix socket (``httpUrl: "unix:/run/signal-cli/http.sock"``)
unless ``allowRemoteDaemon`` says otherwise. A daemon on this machine must also run as
``daemonUid`` (default: the gateway's own uid); the client checks each connection's owner
(``channels/signal/peer.py``). A leaf module: the start checks, the audit
and the client all ask it, without loading an HTTP client.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.decision import Deny

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DaemonAddress", "daemon_address"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


@dataclass(frozen=True, slots=True)
class DaemonAddress:
    """Where the daemon listens: an http(s) base URL, or a unix socket with a dummy base;
    ``owner_uid``: the uid each connection's far end must belong to (None: not checked,
    a remote daemon the config explicitly allows)."""

    base_url: str
    uds: str | None = None
    local: bool = True
    owner_uid: int | None = None


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
        return DaemonAddress("http://signal-cli", uds=path, owner_uid=_owner(cfg))
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
    return DaemonAddress(url.rstrip("/"), local=local, owner_uid=_owner(cfg) if local else None)


def _owner(cfg: ChannelAccessConfig) -> int:
    return cfg.daemon_uid if cfg.daemon_uid is not None else os.geteuid()
