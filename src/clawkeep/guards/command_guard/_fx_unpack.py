"""What unpacking a downloaded archive brings: every file under the folder it unpacks into
may have come from the download. ``curl -o /tmp/a.tgz URL; tar -xzf /tmp/a.tgz -C /tmp;
/tmp/agent/run.sh`` runs a program the download delivered, as ``curl -o run.sh URL;
./run.sh`` does; the names inside the archive are unknown here, so the whole folder
counts (its tree is recorded in the walker's downloads as ``/path/``, which
``Walker.fetched`` reads). An archive the line did not download unpacks nothing new.
"""

from __future__ import annotations

import posixpath

from clawkeep.guards.command_guard._fx_tables import WRITES
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["UNPACK_RULES"]

_ARCHIVE_ENDS: tuple[str, ...] = (".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tzst", ".zip")
_ARCHIVE_ENDS += (".7z", ".gz", ".xz", ".bz2", ".zst", ".jar", ".whl", ".deb", ".rpm")


def _unpacks(cmd: Cmd, values: list[str]) -> bool:
    if cmd.name == "unzip":  # -l, -v, -t, -Z, -z list, test or show comments: nothing lands
        return not any(v in ("-l", "-v", "-t", "-Z", "-z", "-lv", "-tq") for v in values)
    if cmd.name in ("7z", "7za"):
        return "x" in values[:1] or "e" in values[:1]
    flags = [v for v in values if v.startswith("-") and not v.startswith("--")]
    first = values[0] if values else ""
    bundled = first if first and not first.startswith("-") and "." not in first else ""
    return any("x" in f for f in flags) or "x" in bundled or "--extract" in values


def _into(cmd: Cmd, values: list[str], w: Walker) -> str:
    options = WRITES.get(cmd.name, (frozenset(), False, ()))[0]
    for index, value in enumerate(values):
        for option in options:
            if value == option and index + 1 < len(values):
                return values[index + 1]
            if value.startswith(option) and len(value) > len(option) and option != "-o":
                return value[len(option) :].lstrip("=")
            if option == "-o" and value.startswith("-o") and len(value) > 2:
                return value[2:]  # 7z -oDIR
    return w.cwd or w.env.workspace


def unpack(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if not _unpacks(cmd, values):
        return
    archives = [
        v
        for v in values
        if not v.startswith("-") and v.lower().endswith(_ARCHIVE_ENDS) and w.fetched(v)
    ]
    if not archives:
        return
    folder = _into(cmd, values, w)
    root = w.place(folder).path if UNKNOWN not in folder else UNKNOWN
    # every file under the folder may be the download's from now on (download_exec if run)
    w.downloaded.add(posixpath.join(root, "") if root.startswith("/") else "/")


UNPACK_RULES: dict[str, Rule] = {name: unpack for name in ("tar", "bsdtar", "unzip", "7z", "7za")}
