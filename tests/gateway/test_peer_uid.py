"""The owner check: which uid owns the client end of a loopback connection."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from clawkeep.gateway.peer_uid import is_same_user_peer, proc_socket_uid, socket_uid


def test_our_own_client_socket_is_ours_by_netlink_and_by_proc() -> None:
    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        try:
            server = socket.create_server((host, 0), family=family)
        except OSError:
            continue  # no IPv6 here
        with server, socket.create_connection(server.getsockname()[:2]) as client:
            accepted, _ = server.accept()
            with accepted:
                peer, local = client.getsockname()[:2], server.getsockname()[:2]
                assert socket_uid(peer, local) == os.geteuid()
                assert proc_socket_uid(peer, local) == os.geteuid()
                assert proc_socket_uid(peer, local, Path("/nonexistent")) is None
                assert is_same_user_peer(peer, local)


def test_unknown_or_remote_peers_are_not_the_owner() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    with server:
        local = server.getsockname()
        assert not is_same_user_peer(("127.0.0.1", 1), local)  # no such connection
        assert not is_same_user_peer(("192.0.2.1", 5000), local)  # not loopback
        assert not is_same_user_peer(None, local)
        assert not is_same_user_peer(("not an ip", 1), local)
