"""A listing of the environment saved to a file, and that file sent away later on the line.

``env | sort > build/env.txt`` is a common debugging step and harmless where it stays: the
agent can read its own environment. The environment holds the tokens the agent was given
(``GITHUB_TOKEN``, ``NPM_TOKEN``, cloud keys), so the file holds them too, and a later
``gh release create v1 build/*``, ``twine upload build/*``, ``rsync build/ host:``,
``curl -T build/env.txt …`` publishes them: the harm needs both steps, often far apart in
a long script. The dump is remembered when it is written (``env``, ``printenv``, ``set``,
through any filter of a pipeline) and a sender whose operands name it, a folder above it
or a glob matching it, is refused as exfiltration; a copy or move of it (``cp``, ``mv``,
``ln``, ``install``, ``rsync`` to a folder) is a dump too. Not read yet: ``export -p`` and
``declare -p`` redirected to a file (the grammar makes them declarations, not commands).
"""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from clawkeep.guards.command_guard._cmd import Cmd, Rule
from clawkeep.guards.command_guard._net_reach import REMOTE
from clawkeep.guards.command_guard._word_types import UNKNOWN

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["DUMP_RULES", "dumps_environment", "note_dump"]

_DUMPS: WeakKeyDictionary[Walker, set[str]] = WeakKeyDictionary()


def dumps_environment(name: str, values: list[str]) -> bool:
    """The command prints the whole environment (every exported value)."""
    operands = [v for v in values if not v.startswith("-")]
    if name in ("env", "printenv"):
        return not operands or (name == "env" and all("=" in v for v in operands))
    return name == "set" and not values


def note_dump(w: Walker, path: str) -> None:
    """``path`` now holds a listing of the environment (or text taken from one: a filter
    in between is not trusted to have dropped every value)."""
    _DUMPS.setdefault(w, set()).add(path)


def _covers(w: Walker, operand: str, dump: str) -> bool:
    found = w.place(operand.split("#", 1)[0])
    if UNKNOWN in found.path:
        return False
    target = found.path.rstrip("/")
    return dump == target or dump.startswith(target + "/") or fnmatch.fnmatch(dump, target)


def _sends(cmd: Cmd, values: list[str]) -> bool:
    words = [v for v in values if not v.startswith("-")]
    if cmd.name in ("gh", "glab"):
        return bool({"release", "gist", "snippet", "upload"} & set(words[:3]))
    if cmd.name in ("twine", "flit", "hatch", "poetry", "uv"):
        return bool({"upload", "publish"} & set(words[:2]))
    if cmd.name in ("rsync", "scp", "rclone", "sftp"):
        return len(words) > 1 and bool(REMOTE.match(words[-1]) or cmd.name == "rclone")
    return cmd.name in ("curl", "wget", "http", "https", "xh")  # an upload names it below


def published_dump(cmd: Cmd, w: Walker) -> None:
    dumps = _DUMPS.get(w)
    values = cmd.values()
    if not dumps or not _sends(cmd, values):
        return
    for value in values:
        operand = value.split("=", 1)[-1].lstrip("@<") if value.startswith("-") else value
        operand = operand.lstrip("@<").split(";", 1)[0]
        if not operand or "://" in operand:
            continue
        hit = next((d for d in dumps if _covers(w, operand, d)), None)
        if hit is not None:
            # exfiltration: the environment, tokens included, saved earlier, now sent away
            w.flag("exfiltration", f"{cmd.name} sends {hit}, a listing of the environment")
            return


def carried_dump(cmd: Cmd, w: Walker) -> None:
    """``cp``/``mv``/``ln`` of a dump (or a folder holding one): the copy holds it too."""
    dumps = _DUMPS.get(w)
    operands = [v for v in cmd.values() if not v.startswith("-")]
    if not dumps or len(operands) < 2:
        return
    target = w.place(operands[-1]).path.rstrip("/")
    for source in operands[:-1]:
        for dump in [d for d in dumps if _covers(w, source, d)]:
            below = dump[len(w.place(source).path.rstrip("/")) :].lstrip("/")
            name = below or dump.rsplit("/", 1)[-1]
            # the copy is the target itself, or lies in it (a folder): both count
            dumps.update({target, f"{target}/{name}", f"{target}/{dump.rsplit('/', 1)[-1]}"})


_SENDERS: tuple[str, ...] = ("gh", "glab", "twine", "flit", "hatch", "poetry", "uv", "rsync")
_SENDERS += ("scp", "rclone")
_SENDERS += ("sftp", "curl", "wget", "http", "https", "xh")


def _copied_or_sent(cmd: Cmd, w: Walker) -> None:
    published_dump(cmd, w)  # rsync to a host sends it; to a folder, copies it
    carried_dump(cmd, w)


DUMP_RULES: dict[str, Rule] = {name: published_dump for name in _SENDERS}
DUMP_RULES |= {name: carried_dump for name in ("cp", "mv", "ln", "install")}
DUMP_RULES["rsync"] = _copied_or_sent
