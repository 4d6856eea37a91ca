"""Container engines asked to hand out what they guard: their API opened on a network
address (``dockerd -H tcp://0.0.0.0:2375``, ``podman system service tcp:…``, ``buildkitd
--addr tcp://…``) is root on this machine for whoever connects; a template that prints a
container's environment (``docker inspect -f '{{.Config.Env}}'``) reads the secrets it
was started with, as ``/proc/PID/environ`` would.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._fx_serve import loopback_bind
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["ENGINE_RULES"]

_LISTEN_OPTIONS = frozenset({"-H", "--host", "--addr", "--listen", "--address"})
# tcp://HOST:PORT, tcp:HOST:PORT, and dockerd's bare HOST:PORT or :PORT (tcp by default)
_TCP = re.compile(
    r"^(?:tcp|http|https)(?:://|:)(\[[^\]]*\]|[^:/]*)(?::\d+)?/?$|^(\[[^\]]*\]|[\w.-]*):\d+$"
)
_ENGINES = frozenset({"docker", "podman", "nerdctl", "crictl"})
_ENV_TEMPLATE = re.compile(r"\.Env\b|\bEnv\b.*}}|\.Config\s*}}|json\s+\.Config\b")


def _listens(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    binds = [b for a, b in itertools.pairwise(values) if a in _LISTEN_OPTIONS]
    pairs = [v.split("=", 1) for v in values if "=" in v]
    binds += [value for option, value in pairs if option in _LISTEN_OPTIONS]
    if cmd.name in _ENGINES:
        words = [v for v in values if not v.startswith("-")]
        if cmd.name != "podman" or words[:2] != ["system", "service"]:
            return  # a client's -H names the engine it talks to; it does not listen
        binds += words[2:]  # podman system service [URI]
    for bind in binds:
        match = _TCP.match(bind)
        host = match and (match.group(1) or match.group(2) or "").strip("[]")
        if match and not loopback_bind(host or None):
            # tunnel: the engine's API on a network address runs containers as root for anyone
            w.flag("tunnel", f"{cmd.name} opens its API on {bind} to other machines")
            return


def _env_template(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = [v for v in values if not v.startswith("-")][:2]
    if "inspect" not in verbs:
        return
    for index, text in enumerate(values):
        template = text.split("=", 1)[1] if text.startswith("--format=") else None
        if text in ("-f", "--format") and index + 1 < len(values):
            template = values[index + 1]
        if template and _ENV_TEMPLATE.search(template):
            # credential_read: a container's environment holds the secrets it was given
            w.flag("credential_read", f"{cmd.name} inspect prints a container's environment")
            return


def _engine(cmd: Cmd, w: Walker) -> None:
    _env_template(cmd, w)
    _listens(cmd, w)


ENGINE_RULES: dict[str, Rule] = {name: _engine for name in _ENGINES | {"dockerd", "buildkitd"}}
