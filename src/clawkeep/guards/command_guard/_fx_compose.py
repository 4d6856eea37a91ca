"""Compose files this line wrote, started by ``docker compose`` (``docker-compose``,
``podman compose``, ``podman-compose``): the engine reads the file and starts its services
as ``docker run`` would with the same options, so a service given the host is judged as
that ``docker run`` is (``_net_containers``).

What hands a service the host: a bind mount of a host path beyond the workspace and the
temporary folders (``- /:/host``, ``- ~/.ssh:/k``, ``source: /etc``), the engine's socket,
``privileged: true``, ``pid``/``ipc``/``userns_mode``/``uts``/``cgroup: host``, ``devices``,
an unconfined ``security_opt``, a ``cap_add`` of a capability that reaches the kernel, and
``network_mode: host`` together with ``NET_ADMIN``/``NET_RAW``. A compose file the line did
not write is the project's own and is not read here. The files are the ones ``-f``
names, else ``COMPOSE_FILE``'s, else the default names in the current folder.
"""

from __future__ import annotations

import itertools
import posixpath
import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN
from clawkeep.guards.command_guard._yaml_fields import items_under, values_of

__all__ = ["COMPOSE_RULES"]

# The names compose looks for in the project folder (compose-spec: "Compose file").
_NAMES = frozenset(
    f"{stem}.{ext}"
    for stem in ("compose", "docker-compose", "compose.override", "docker-compose.override")
    for ext in ("yml", "yaml")
)
# The verbs that create or start the services (and so apply the file's options).
_STARTS = frozenset({"up", "run", "create", "start", "restart", "watch"})
_FILE_FLAGS = frozenset({"-f", "--file"})
_NS_KEYS = ("pid", "ipc", "userns_mode", "uts", "cgroup")
_CAPS = re.compile(
    r"^(ALL|SYS_ADMIN|SYS_MODULE|SYS_PTRACE|SYS_RAWIO|DAC_READ_SEARCH|DAC_OVERRIDE|BPF"
    r"|PERFMON|SYS_BOOT)$",
    re.I,
)
_NET_CAPS = re.compile(r"^(NET_ADMIN|NET_RAW)$", re.I)


def _flow_items(text: str, key: str) -> list[str]:
    """Items of ``key: [a, b]`` written on one line, and the ``- a`` items below it."""
    found = list(items_under(text, key))
    for match in re.finditer(rf"(?m)^\s*{re.escape(key)}\s*:\s*\[([^\]]*)\]", text):
        found += [i.strip().strip("'\"") for i in match.group(1).split(",") if i.strip()]
    return found


def _sources(text: str) -> list[str]:
    """Host paths the services bind: ``- SRC:DST[:mode]`` items and ``source:`` values."""
    found: list[str] = []
    for item in _flow_items(text, "volumes"):
        src = item.strip().strip("'\"").split(":", 1)[0]
        if src.startswith(("/", "~", ".", "$")) or src == "":
            found.append(src or "/")
    found += [v for v in values_of(text, "source") if v.startswith(("/", "~", ".", "$"))]
    return found


def _host_given(text: str, w: Walker) -> str | None:
    """Why the compose text hands a service the host, or None."""
    for src in _sources(text):
        if src.startswith("$") or UNKNOWN in src:
            continue  # a path from the environment at run time: as `-v "$SRC":/m` is judged
        if "docker.sock" in src or "podman.sock" in src:
            return f"mounts the engine's socket {src}"
        if w.place(src).kind not in ("workspace", "workspace_root", "temp"):
            return f"mounts the host path {src}"
    if any(v.lower() == "true" for v in values_of(text, "privileged")):
        return "runs a privileged service"
    for key in _NS_KEYS:
        if any(v.lower() == "host" for v in values_of(text, key)):
            return f"shares the host's {key} namespace"
    if _flow_items(text, "devices"):
        return "hands a service the host's devices"
    if any("unconfined" in v.lower() for v in _flow_items(text, "security_opt")):
        return "runs a service unconfined"
    caps = _flow_items(text, "cap_add")
    if any(_CAPS.match(c) for c in caps):
        return "adds a capability that reaches the host's kernel"
    host_net = any(v.lower() == "host" for v in values_of(text, "network_mode"))
    if host_net and any(_NET_CAPS.match(c) for c in caps):
        return "changes the host's network"
    return None


def _verbs(cmd: Cmd) -> tuple[list[str], list[str]] | None:
    """(the words after ``compose``, the files ``-f`` names), or None if not compose."""
    values = cmd.values()
    if cmd.name in ("docker", "podman"):
        if "compose" not in values:
            return None
        values = values[values.index("compose") + 1 :]
    named = [b for a, b in itertools.pairwise(values) if a in _FILE_FLAGS]
    named += [v.split("=", 1)[1] for v in values if v.startswith("--file=")]
    return values, named


def _env_files(w: Walker) -> list[str]:
    """``COMPOSE_FILE=a.yml:b.yml``: the files compose reads when ``-f`` names none."""
    given = w.env.values.get("COMPOSE_FILE") or ""
    return [f for f in re.split(r"[:;]", given) if f and UNKNOWN not in f]


def _compose(cmd: Cmd, w: Walker) -> None:
    found = _verbs(cmd)
    if found is None or not w.written:
        return
    values, named = found
    named = named or _env_files(w)
    if not _STARTS & set(values):
        return
    targets = {w.place(n).path for n in named}
    for path, text in list(w.written.items()):
        picked = path in targets or (not targets and posixpath.basename(path) in _NAMES)
        why = _host_given(text, w) if picked else None
        if why is not None:
            # privilege: the engine runs as root; the service gets the host as root, as
            # `docker run` with the same options does
            w.flag("privilege", f"{path}, written by this line and started by {cmd.name}, {why}")
            return


COMPOSE_RULES: dict[str, Rule] = {
    name: _compose for name in ("docker", "podman", "docker-compose", "podman-compose")
}
