"""Whether a loopback TCP client runs as the gateway's own user (the kernel's socket owner).

The kernel records the owner uid of every socket. A client socket on this machine owned by
the gateway's uid belongs to a process that can read the gateway's token file anyway (the
owner's CLI), so it is not held back by a lockout that strangers caused; another user's
process, or the sandbox's uid 65534, is.

The lookup itself (netlink sock_diag, /proc/net/tcp the fallback) is the leaf
``clawkeep.sockowner``, shared with the Signal channel's daemon check.
"""

from __future__ import annotations

import ipaddress
import os

from clawkeep.sockowner import proc_socket_uid, socket_uid

__all__ = ["is_same_user_peer", "proc_socket_uid", "socket_uid"]


def is_same_user_peer(client: object, server: object) -> bool:
    """True when ``client`` (an ASGI scope's peer) is a loopback socket of our own uid."""
    if not (isinstance(client, (tuple, list)) and isinstance(server, (tuple, list))):
        return False
    if len(client) < 2 or len(server) < 2:
        return False
    host, port = client[0], client[1]
    if not isinstance(host, str) or not isinstance(port, int):
        return False
    try:
        if not ipaddress.ip_address(host.split("%", 1)[0]).is_loopback:
            return False
    except ValueError:
        return False
    uid = socket_uid((host, port), (str(server[0]), int(server[1])))
    return uid is not None and uid == os.geteuid()
