"""Where a path argument points: the workspace, a temp dir, home, a device, the kernel.

Paths are judged after the shell's own resolution as far as it is static: ``~`` and
``$HOME`` become the agent's home, relative paths join the workspace, ``..`` is folded.
A glob judges the directory that holds it (``/*`` is "everything under /").
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from clawkeep.guards.command_guard._model import CommandContext
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["Place", "place", "under"]


_STREAMS = re.compile(r"^/dev/(null|zero|u?random|stdin|stdout|stderr|tty|full|fd/\d+)$")
_TEMPS = ("/tmp", "/var/tmp", "/dev/shm")  # noqa: S108 - classifying paths, not using them
_GLOB = re.compile(r"[*?\[]")
# The gateway's state under any name it has had (clawkeep's, OpenClaw's and its earlier
# names'), wherever the configured state directory is: its config, tokens, pairing codes,
# approvals and every sender's transcripts.
_GATEWAY_DIRS = (".clawkeep", ".openclaw", ".clawdbot", ".moltbot")
# The gateway's own service unit or launchd job: it starts the gateway, with its token.
_GATEWAY_UNIT = re.compile(
    r"^[\w.@-]*(clawkeep|openclaw|clawdbot|moltbot)[\w.@-]*\.(service|plist)$"
)


@dataclass(frozen=True, slots=True)
class Place:
    """``kind``: workspace | workspace_root | temp | stream | netdev | device | kernel |
    state | home | home_root | root | outside | unknown; ``path``: the folded path."""

    kind: str
    path: str
    contents: bool = False

    @property
    def inside(self) -> bool:
        return self.kind in ("workspace", "temp", "stream")


def _norm(path: str) -> str:
    folded = posixpath.normpath(path)
    return "/" + folded.lstrip("/") if folded.startswith("//") else folded


def under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


@lru_cache(maxsize=16384)  # pure in its arguments; a line names the same paths again and again
def place(text: str, ctx: CommandContext, cwd: str | None = None) -> Place:
    """Classify one path argument (``text`` may hold ``UNKNOWN`` parts)."""
    if UNKNOWN in text:
        return Place("unknown", text.replace(UNKNOWN, "$?"))
    if not text:
        return Place("workspace", text)
    home = str(ctx.home) if ctx.home else "~"
    if text == "~" or text.startswith("~/"):
        text = home + text[1:]
    if not text.startswith("/") and not (home == "~" and text.startswith("~")):
        base = cwd or (str(ctx.workspace) if ctx.workspace else "/\x01workspace")
        if UNKNOWN in base:
            return Place("unknown", "$?/" + text)  # after a cd to a run-time directory
        text = base + "/" + text
    contents = False
    parts = text.split("/")
    for index, part in enumerate(parts):
        if _GLOB.search(part):
            text, contents = "/".join(parts[:index]) or "/", True
            break
    path = _norm(text)
    kind = _kind(path, ctx, home)
    if contents and kind == "outside" and path in _TEMPS:
        kind = "temp"  # /tmp/* : the entries of a temp dir, not the dir itself
    return Place(kind, path.replace("/\x01workspace", "."), contents)


def _kind(path: str, ctx: CommandContext, home: str) -> str:
    workspace = str(ctx.workspace) if ctx.workspace else "/\x01workspace"
    if workspace.count("/") < 2 or workspace == home:
        workspace = "/\x01workspace"  # a workspace of /, /etc or the home dir protects nothing
    if _STREAMS.match(path):
        return "stream"
    if re.match(r"^/dev/(tcp|udp)/", path):
        return "netdev"
    if under(path, "/dev"):
        return "device"
    if under(path, "/proc") or under(path, "/sys"):
        return "kernel"
    if under(path, workspace):
        return "workspace_root" if path == workspace else "workspace"
    if ctx.state_dir is not None and under(path, str(ctx.state_dir)):
        return "state"
    if home != "/" and any(under(path, f"{home}/{name}") for name in _GATEWAY_DIRS):
        return "state"  # the gateway's state, read or changed by the agent it governs
    if home != "/" and under(path, home) and _GATEWAY_UNIT.match(posixpath.basename(path)):
        return "state"  # the unit that starts the gateway carries its token and config path
    # Home before temp: a home that lies under /tmp is still a home (`rm -rf ~` there).
    if home != "/" and under(path, home):
        return "home_root" if path == home else "home"
    if any(under(path, temp) and path != temp for temp in _TEMPS):
        return "temp"
    if path == "/":
        return "root"
    return "outside"
