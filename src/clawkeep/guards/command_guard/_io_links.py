"""Where a symbolic link the line makes points, so that later paths through it are judged
where they land, and which links out of the workspace are refused outright: a link to the
home directory, the file system's root, the gateway's state or a folder of keys outlives
the line, and a later line deleting, reading or writing "inside the workspace" through it
would reach there unjudged."""

from __future__ import annotations

import posixpath

from clawkeep.guards.command_guard._cmd import Cmd
from clawkeep.guards.command_guard._io_args import operands_of, short_flags
from clawkeep.guards.command_guard._path_secrets import credential, holds_credentials
from clawkeep.guards.command_guard._paths import Place
from clawkeep.guards.command_guard._walk import Walker

__all__ = ["links"]

# the places a link may not lead to from the workspace: /, the whole home, the gateway's
# state (a folder holding keys is refused too, by `_out_of_bounds`)
_OUT_OF_BOUNDS = frozenset({"root", "home_root", "state"})


def links(cmd: Cmd, w: Walker) -> None:
    """``ln -s TARGET LINK``: remember LINK -> TARGET; refuse a link into the home or /."""
    values = cmd.values()
    if not ("s" in short_flags(values) or "--symbolic" in values):
        return  # a hard link: `persistence` judges the file it shares (a folder cannot be)
    operands = operands_of(values, frozenset({"-t", "-S", "--suffix"}))
    folder = next((v.split("=", 1)[1] for v in values if v.startswith("--target-directory=")), None)
    if "-t" in values and values.index("-t") + 1 < len(values):
        folder = values[values.index("-t") + 1]
    sources = operands if folder is not None else operands[:-1] if len(operands) > 1 else operands
    place_of = folder if folder is not None else operands[-1] if len(operands) > 1 else "."
    relative = "r" in short_flags(values) or "--relative" in values
    for source in sources:
        at = w.place(place_of).path
        inside = at.rstrip("/") + "/" + posixpath.basename(source.rstrip("/"))
        # `ln -s T L` names L, or L/T's name when L is a folder: both, as either may be;
        # `ln -s T` and `ln -s -t DIR T` name T's name in the folder
        names = [inside] if folder is not None or len(operands) < 2 else [at, inside]
        for name in names:
            # a relative target is read from the link's folder (`-r` computes it from here)
            base = "" if source.startswith("/") or relative else posixpath.dirname(name) + "/"
            found = w.place(base + source)
            w.links[name.rstrip("/") or "/"] = found.path.rstrip("/") or "/"
            if _out_of_bounds(found, w) and w.place(name).kind in ("workspace", "temp"):
                # outside_write: what later lines delete or write through the link lands there
                w.flag("outside_write", f"ln -s makes {name} lead to {found.path} ({found.kind})")


def _out_of_bounds(found: Place, w: Walker) -> bool:
    """/, the home directory itself, the gateway's state, or a folder or file of keys: a
    sibling folder of a workspace in the home (`ln -s ../shared/config.json .`) is not."""
    if found.kind in _OUT_OF_BOUNDS or found.path in ("/home", "/root", "/Users"):
        return True
    return credential(found, w.ctx) is not None or holds_credentials(found, w.ctx)
