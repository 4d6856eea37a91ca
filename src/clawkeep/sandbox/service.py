"""A long-running sandboxed process whose stdin/stdout the caller keeps (a plugin's tool
server): the same bubblewrap root, namespaces, seccomp filter, rlimits and pids/memory
jail as one exec command, and egress only through the checking proxy.

`open_service` answers the argv to spawn, or Deny when nothing can isolate it (never the
host). bwrap reads its small payloads (seccomp program, identity files) from descriptors;
since the spawner (the MCP SDK) passes no extra descriptors, a `/bin/sh` prefix opens them
from files in a private (0700) directory, removed when the service ends.
"""

from __future__ import annotations

import os
import shlex
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clawkeep.decision import Deny
from clawkeep.sandbox._forwarder import FORWARDER_SOURCE
from clawkeep.sandbox.bwrap import EGRESS_SOCKET, bwrap_argv, bwrap_available, find_tool, payloads
from clawkeep.sandbox.cgroup import CgroupJail, create_jail
from clawkeep.sandbox.egress import EgressProxy
from clawkeep.sandbox.limits import prlimit_argv
from clawkeep.sandbox.spec import SandboxSpec

__all__ = ["SandboxedService", "open_service"]

_FIRST_FD = 3  # /bin/sh (dash) redirects single-digit descriptors only: 3..9


@dataclass
class SandboxedService:
    """What to spawn, and what to release when the process has ended (`close`)."""

    argv: list[str]
    env: dict[str, str]
    _tmp: Path
    _jail: CgroupJail | None = None
    _proxy: EgressProxy | None = None
    refused: list[Deny] = field(default_factory=list)

    def close(self) -> None:
        if self._proxy is not None:
            self.refused.extend(self._proxy.refused)
            self._proxy.close()
        if self._jail is not None:
            self._jail.remove()  # kills anything the service left behind
        shutil.rmtree(self._tmp, ignore_errors=True)


def open_service(command: Sequence[str], spec: SandboxSpec) -> SandboxedService | Deny:
    """The sandboxed argv for ``command`` under ``spec`` (bwrap only; workspace read-only
    or none). The caller spawns it with stdin/stdout pipes and calls `close` afterwards."""
    if not command:
        return Deny("sandbox.empty_command", "no command given")
    available = bwrap_available()
    if isinstance(available, Deny):
        return available  # fail closed: a plugin never runs on the host
    prlimit = find_tool("prlimit")
    assert prlimit is not None  # bwrap_available checked it
    if spec.workspace_access == "rw":
        return Deny("sandbox.workspace_access", "a service gets its folder read-only or none")
    jail = create_jail(spec.limits)
    if jail is None and os.geteuid() == 0:
        # Root is exempt from RLIMIT_NPROC: without a pids cgroup a fork bomb would run free.
        return Deny("sandbox.unavailable", "running as root and no pids cgroup can be created")
    tmp = Path(tempfile.mkdtemp(prefix="clawkeep-service-"))  # 0700
    if spec.workspace_access == "none":
        (tmp / "scratch").mkdir(mode=0o700)
    workspace = spec.workspace.resolve() if spec.workspace_access == "ro" else tmp / "scratch"
    redirects, fds = [], {}
    for n, (name, payload) in enumerate(payloads(spec).items()):
        path = tmp / f"payload{n}"
        path.write_bytes(payload)
        fds[name] = _FIRST_FD + n
        redirects.append(f"{_FIRST_FD + n}<{shlex.quote(str(path))}")
    proxy: EgressProxy | None = None
    socket_path: Path | None = None
    inner = list(command)
    if spec.egress_domains:
        from clawkeep.guards.network_guard import default_resolver

        socket_path = tmp / "egress.sock"
        proxy = EgressProxy(spec, socket_path, spec.egress_resolver or default_resolver)
        inner = ["/usr/bin/python3", "-I", "-c", FORWARDER_SOURCE, EGRESS_SOCKET, "--", *inner]
    argv = bwrap_argv(
        spec,
        inner,
        bwrap=available.detail,
        workspace_dir=workspace,
        fds=fds,
        egress_socket=socket_path,
    )
    prefix = [
        *(jail.wrap([]) if jail else []),
        *prlimit_argv(spec.limits, prlimit, memory_cgroup=bool(jail and jail.has_memory)),
    ]
    script = 'exec "$@" ' + " ".join(redirects)
    full = ["/bin/sh", "-c", script, "sh", *prefix, *argv]
    env = {"PATH": "/usr/bin:/bin"}  # for the trampoline; bwrap clears it inside
    return SandboxedService(full, env, tmp, jail, proxy)
