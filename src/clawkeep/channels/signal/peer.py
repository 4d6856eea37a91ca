"""Whether the signal-cli daemon at the other end of a connection is the expected user's.

signal-cli's HTTP API has no authentication: whoever listens on its port (or socket)
can feed the gateway messages as any sender and read every reply. When the daemon is not
running, its port is free, and any local user could bind it. So each new connection to a
daemon on this machine is checked before a byte is sent: the kernel's owner of the far
end (the accepted socket, which carries its listener's owner; SO_PEERCRED for a unix
socket) must be ``channels.signal.daemonUid``, by default the gateway's own uid.
"""

from __future__ import annotations

import socket

from clawkeep.decision import Deny
from clawkeep.sockowner import ConnectedSocket, tcp_peer_uid, unix_peer_uid

__all__ = ["daemon_owner_refusal"]


def daemon_owner_refusal(sock: object, expected_uid: int) -> Deny | None:
    """None when the connected socket ``sock`` leads to a daemon of ``expected_uid``."""
    if not isinstance(sock, ConnectedSocket):
        return Deny(
            "channels.signal.daemon_not_owned",  # no socket to ask: fail closed
            "cannot tell which user runs the signal-cli daemon; refusing to use it",
        )
    unix = sock.family == socket.AF_UNIX
    uid = unix_peer_uid(sock) if unix else tcp_peer_uid(sock)
    if uid is None:
        return Deny(
            "channels.signal.daemon_not_owned",  # its owner is unknown: never trusted
            "cannot find who owns the signal-cli daemon's socket (not on this machine's "
            "network?); run the daemon on 127.0.0.1 or a unix socket on this machine",
        )
    if uid != expected_uid:
        # Another user's process listens where the daemon should: it could forge senders.
        return Deny(
            "channels.signal.daemon_not_owned",
            f"the signal-cli daemon's socket belongs to uid {uid}, not {expected_uid}; "
            "stop that process, or set channels.signal.daemonUid to the daemon's user",
        )
    return None
