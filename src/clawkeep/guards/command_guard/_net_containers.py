"""Whether a container engine is handed the host: bind mounts beyond the workspace,
devices, capabilities, unconfined security options, the host's namespaces; lxc/incus
privileged containers and host disks.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._net_reach import egress
from clawkeep.guards.command_guard._walk import Cmd, Walker

__all__ = ["containers", "system_containers"]


# Container options that hand the container the host: its root, devices, kernel or
# namespaces (the engine runs as root, so the container's root is the host's).
_HOST_OPTIONS = re.compile(
    r"--privileged(?!=false)|docker\.sock|--(pid|ipc|userns|uts|cgroupns)[ =]host\b"
    r"|--device(-cgroup-rule)?[ =]|--security-opt[ =]\S*unconfined"
    r"|--cap-add[ =](ALL|SYS_ADMIN|SYS_MODULE|SYS_PTRACE|SYS_RAWIO|DAC_READ_SEARCH"
    r"|DAC_OVERRIDE|BPF|PERFMON|SYS_BOOT)\b",
    re.I,
)


def _mount_sources(values: list[str]) -> list[str]:
    """Host paths bind-mounted into a container: `-v SRC:DST`, `--mount …source=SRC`."""
    sources: list[str] = []
    for index, value in enumerate(values):
        spec: str | None = None
        if value in ("-v", "--volume", "--mount") and index + 1 < len(values):
            spec = values[index + 1]
        elif value.startswith(("--volume=", "--mount=")):
            spec = value.split("=", 1)[1]
        elif value.startswith("-v") and len(value) > 2:
            spec = value[2:].removeprefix("=")  # -v/etc:/x, -v=/etc:/x
        if spec is None:
            continue
        if value.startswith("--mount"):
            found = re.search(r"(?:^|,)(?:source|src)=([^,]+)", spec)
            if found:
                sources.append(found.group(1))
        elif spec.startswith(("/", "~", ".")) or spec.split(":", 1)[0] in ("", "."):
            sources.append(spec.split(":", 1)[0] or "/")
    return sources


def containers(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    joined = " ".join(values)
    beyond = [
        src
        for src in _mount_sources(values)
        if w.place(src).kind not in ("workspace", "workspace_root", "temp")
    ]
    if _HOST_OPTIONS.search(joined) or beyond:
        # privilege: the engine runs as root; the container gets the host's files as root,
        # its devices, its kernel's capabilities or its namespaces
        w.flag("privilege", f"{cmd.name} gives a container the host's root, devices or daemon")
        return
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs and verbs[0] in ("pull", "push", "login", "search"):
        egress(cmd, w)


# System-container managers: settings that give a container the host's root or its disks.
_HOST_ROOT_SETTING = re.compile(
    r"security\.privileged[= ]+(true|1|yes)\b|raw\.(lxc|idmap|apparmor|seccomp)\b"
    r"|security\.syscalls\.intercept\.(mount|mknod|setxattr)",
    re.I,
)


def system_containers(cmd: Cmd, w: Walker) -> None:
    """``lxc``/``incus``: a privileged container, raw settings, or a host folder beyond the
    workspace handed to it as a disk (``disk source=/``)."""
    sources = [v.split("=", 1)[1] for v in cmd.values() if v.startswith("source=")]
    beyond = [s for s in sources if w.place(s).kind not in ("workspace", "workspace_root", "temp")]
    if _HOST_ROOT_SETTING.search(" ".join(cmd.values())) or beyond:
        # privilege: root in such a container is root on the host (or holds its files)
        w.flag("privilege", f"{cmd.name} gives a container the host's root or its files")
        return
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if verbs and verbs[0] in ("launch", "init", "image", "remote"):
        egress(cmd, w)
