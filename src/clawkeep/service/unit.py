"""The systemd unit: the gateway as its own user, with every hardening that keeps the
bubblewrap sandbox working, and the reason each remaining one is left out.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["LEFT_OUT", "UNIT_NAME", "render_unit"]

UNIT_NAME = "clawkeep.service"

# Hardening systemd offers that this unit does not set, and why (docs/service.md).
LEFT_OUT: dict[str, str] = {
    "RestrictNamespaces": "bubblewrap creates user, mount, pid, net, ipc and uts namespaces "
    "for every sandboxed command",
    "PrivateUsers": "a user namespace around the gateway stops bubblewrap from mapping the "
    "sandbox's own uid inside its namespaces",
    "SystemCallFilter": "bubblewrap needs mount, pivot_root, unshare and setns, which "
    "@system-service excludes; the sandbox installs its own seccomp filter per command",
    "MemoryDenyWriteExecute": "Chromium's JIT (the browser tool) maps executable memory",
    "ProtectControlGroups": "the sandbox puts each command in its own cgroup for limits "
    "(Delegate=yes gives the service its subtree)",
}


def render_unit(
    *, exec_path: Path, user: str, state_dir: Path, env_file: Path, working_dir: Path
) -> str:
    """The unit file's text."""
    return f"""# clawkeep gateway, written by `clawkeep service install`. Reasons for every line and
# for what is left out: docs/service.md.
[Unit]
Description=clawkeep gateway (security-first agent gateway)
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User={user}
Group={user}
Environment=CLAWKEEP_STATE_DIR={state_dir}
EnvironmentFile=-{env_file}
WorkingDirectory={working_dir}
ExecStart={exec_path} gateway run
# Exit 75 is the control plane's restart request; any failure restarts too.
Restart=on-failure
RestartSec=5
UMask=0077

# The gateway's own filesystem: the OS read-only, no home directories, a private /tmp,
# and the state dir as the only writable path.
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ReadWritePaths={state_dir}
PrivateDevices=yes

# No privileges to gain or keep.
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
RestrictSUIDSGID=yes
LockPersonality=yes
RestrictRealtime=yes

# The kernel is not the gateway's to change.
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible

# Sockets: local, IPv4/IPv6, and netlink (bubblewrap brings up loopback in a new netns).
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
# The sandbox's per-command limits live in the service's own cgroup subtree.
Delegate=yes

[Install]
WantedBy=multi-user.target
"""
