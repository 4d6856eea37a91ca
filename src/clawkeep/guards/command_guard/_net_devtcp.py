"""Whether a bash ``/dev/tcp``/``/dev/udp`` redirect is a client of a port on this machine.

``exec 3<>/dev/tcp/127.0.0.1/8000; printf 'GET / …' >&3; cat <&3`` talks to a local
service, as ``nc 127.0.0.1 8000`` does (allowed by policy): nothing leaves, nothing listens.
It stays a reverse shell when anything on the line runs a shell or an interpreter (``bash
<&3``, ``sh 0<&3``, ``exec 0<&3``, ``cat <&3 | sh``), and a client of a container engine's
or a kubelet's API port stays refused as those APIs are on any port.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._io_tables import INTERPRETERS, SHELLS

__all__ = ["loopback_client"]

_LOOPBACK = re.compile(
    r"^/dev/(?:tcp|udp)/(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)/(\d{1,5})$"
)
# The container engine's API (a root container) and the kubelet's (every pod's secrets).
_MACHINE_PORTS = frozenset({"2375", "2376", "10250", "10255"})
_RUNNERS = "|".join(sorted((SHELLS | INTERPRETERS | {"eval", "source"}) - {"exec"}))
# A word that runs code: a shell, an interpreter, eval or source, or `exec` taking its
# input from a descriptor (the shell then reads its commands from the socket).
_RUNS_CODE = re.compile(
    rf"(?<![\w./-])(?:\S*/)?(?:{_RUNNERS})[0-9.]*(?![\w.-])"
    r"|\bexec\b[^;&|\n]*?(?<!\d)0?<&|(?:^|[;&|(]|\s)\.\s"
)


def loopback_client(path: str, src: bytes) -> bool:
    """``path`` (a normalised ``/dev/tcp/HOST/PORT``) is a port on this machine, and no
    word of the line ``src`` runs code that could read its commands from the socket."""
    match = _LOOPBACK.match(path)
    if match is None or match.group(1) in _MACHINE_PORTS:
        return False
    return _RUNS_CODE.search(src.decode("utf-8", "replace")) is None
