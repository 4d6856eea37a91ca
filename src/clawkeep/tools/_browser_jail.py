"""Chromium inside the bubblewrap sandbox: the profile dir is its only writable path (at
/workspace), it sees neither the state dir nor /home, and its network namespace is empty
but for the sandbox's forwarder to the egress proxy's unix socket.

Playwright launches ``executable_path``; here that is a small script that runs this
module, which turns Playwright's Chromium command line into a bwrap one: host paths of the
profile become /workspace, Playwright's proxy flags are replaced by the in-sandbox
forwarder's address, and the CDP pipe (fds 3 and 4) passes through unchanged.

Run as: ``python -I -m clawkeep.tools._browser_jail PROFILE_DIR EGRESS_SOCKET -- ARGS...``
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from clawkeep.sandbox.bwrap import (
    EGRESS_SOCKET,
    WORKSPACE,
    bwrap_argv,
    data_fds,
    find_tool,
    payloads,
)
from clawkeep.sandbox.egress import FORWARDER_SOURCE
from clawkeep.sandbox.spec import SandboxSpec

__all__ = ["jail_argv", "main", "write_launcher"]

CHROMIUM_BINARY = "/usr/lib/chromium/chromium"  # Debian's real binary behind /usr/bin/chromium
# The CDP pipe is fds 3 and 4, and the forwarder starts its command with every fd above 2
# closed: the pipe rides through it on fds 0 and 1 and is put back right before Chromium.
_PARK = 'exec 0<&3 1>&4 3<&- 4>&-; exec "$@"'
# Inside: the forwarder exports HTTP_PROXY (its loopback port); Chromium is pointed at it
# and loses loopback's implicit proxy bypass, so even 127.0.0.1 inside goes to the proxy.
_EXEC = (
    "exec 3<&0 4>&1 0</dev/null 1>&2; "
    'exec "$0" "$@" --proxy-server="$HTTP_PROXY" --proxy-bypass-list="<-loopback>"'
)
_DROPPED = ("--proxy-server=", "--proxy-bypass-list=")
# What Chromium needs besides the sandbox's /usr and /etc basics: fonts and shared memory.
_EXTRA = ["--ro-bind-try", "/etc/fonts", "/etc/fonts", "--tmpfs", "/dev/shm"]  # noqa: S108 (the sandbox's own tmpfs)


def write_launcher(directory: Path, profile: Path, socket_path: Path) -> Path:
    """The executable Playwright starts: this module, under this Python, isolated (-I)."""
    path = directory / "chromium-jail"
    line = " ".join(
        shlex.quote(part)
        for part in (sys.executable, "-I", "-m", __name__, str(profile), str(socket_path), "--")
    )
    path.write_text(f'#!/bin/sh\nexec {line} "$@"\n')
    path.chmod(0o700)
    return path


def _rewrite(args: Sequence[str], profile: Path) -> list[str]:
    out: list[str] = []
    for arg in args:
        if arg.startswith(_DROPPED):
            continue  # the host's proxy port means nothing in the sandbox's namespace
        out.append(arg.replace(str(profile), WORKSPACE))
    return out


def jail_argv(
    args: Sequence[str], profile: Path, socket_path: Path, fds: dict[str, int], bwrap: str
) -> list[str]:
    """The bwrap command line that runs Chromium with Playwright's ``args``."""
    # egress_domains non-empty: the seccomp filter then allows the TCP sockets the
    # forwarder and Chromium need inside the (empty) network namespace.
    spec = SandboxSpec(workspace=profile, workspace_access="rw", egress_domains=("proxy",))
    command = [
        "/bin/sh",
        "-c",
        _PARK,
        "sh",
        "/usr/bin/python3",
        "-I",
        "-c",
        FORWARDER_SOURCE,
        EGRESS_SOCKET,
        "--",
        "/bin/sh",
        "-c",
        _EXEC,
        CHROMIUM_BINARY,
        *_rewrite(args, profile),
    ]
    env = {"HOME": WORKSPACE, "XDG_CONFIG_HOME": f"{WORKSPACE}/.config"}
    env["XDG_CACHE_HOME"] = f"{WORKSPACE}/.cache"
    argv = bwrap_argv(
        spec,
        command,
        bwrap=bwrap,
        workspace_dir=profile,
        fds=fds,
        egress_socket=socket_path,
        extra_env=env,
    )
    at = argv.index("--seccomp")
    return [*argv[:at], *_EXTRA, *argv[at:]]


def main(argv: Sequence[str]) -> int:
    if len(argv) < 3 or argv[2] != "--":
        print("usage: _browser_jail PROFILE EGRESS_SOCKET -- ARGS...", file=sys.stderr)
        return 2
    profile, socket_path = Path(argv[0]), Path(argv[1])
    bwrap = find_tool("bwrap")
    if bwrap is None:
        print("clawkeep: bubblewrap is not installed", file=sys.stderr)
        return 127
    spec = SandboxSpec(workspace=profile, egress_domains=("proxy",))
    with data_fds(payloads(spec)) as fds:
        for fd in fds.values():
            os.set_inheritable(fd, True)  # bwrap reads the seccomp program and /etc files
        full = jail_argv(argv[3:], profile, socket_path, fds, bwrap)
        os.execv(bwrap, full)  # noqa: S606  # fds 3 and 4 (the CDP pipe) pass through
    return 127  # pragma: no cover - execv does not return


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
