"""Tools that delete the files they are given as a side effect: archivers told to remove
what they packed (``tar --remove-files``, ``zip -m``, ``7z -sdel``, ``rsync
--remove-source-files``) and compressors that replace their input (``gzip FILE`` leaves
only ``FILE.gz``); judged as a delete of each input outside the workspace.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._io_args import operands_of
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["REMOVE_RULES"]

_OUTSIDE = frozenset({"root", "outside", "home", "home_root", "state"})
# Compressors that replace FILE by FILE.gz unless told to keep it or to write elsewhere.
_REPLACE = frozenset({"gzip", "gunzip", "pigz", "unpigz", "bzip2", "bunzip2", "pbzip2"})
_REPLACE |= {"xz", "unxz", "lzma", "unlzma", "lzip", "lz", "compress", "uncompress"}
# Compressors that keep FILE unless told `--rm`.
_KEEP = frozenset({"zstd", "unzstd", "pzstd", "lz4", "brotli"})
_NO_REMOVE = re.compile(
    r"^-(?!-)\w*[kctlh]|^--(keep|stdout|to-stdout|test|list|help|version)$|^-[VL]$"
)


def _delete(cmd: Cmd, w: Walker, operands: list[str], what: str) -> None:
    for text in operands:
        found = w.place(text)
        if found.kind in _OUTSIDE:
            # destructive_delete: the tool removes this input, outside the workspace
            w.flag("destructive_delete", f"{cmd.name} {what} deletes {found.path}")
            return


def _compressor(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if cmd.name in _KEEP and "--rm" not in values:
        return
    if cmd.name in _REPLACE and any(_NO_REMOVE.match(v) for v in values):
        return  # -k, -c, -t, -l: the input stays
    _delete(cmd, w, operands_of(values, frozenset({"-S", "--suffix", "-o", "-T"})), "")


def _tar(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "--remove-files" not in values:
        return
    skip: set[int] = set()
    for index, text in enumerate(values):
        if text in ("-f", "--file", "-C", "--directory", "-T", "--files-from", "-X"):
            skip.add(index + 1)
        elif re.fullmatch(r"-?[A-Za-z]*f[A-Za-z]*", text) and not text.startswith("--"):
            skip.add(index + 1)  # czf ARCHIVE, -cvzf ARCHIVE: the archive is not an input
    base = next((values[i + 1] for i in sorted(skip) if values[i] in ("-C", "--directory")), "")
    inputs = [v for i, v in enumerate(values) if i not in skip and not v.startswith("-") and i]
    joined = [t if t.startswith(("/", "~")) or not base else f"{base}/{t}" for t in inputs]
    _delete(cmd, w, joined, "--remove-files")


def _zip(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    moved = "--move" in values or any(
        re.fullmatch(r"-[A-Za-z]*m[A-Za-z]*", v) for v in values if not v.startswith("--")
    )
    if moved:
        _delete(cmd, w, operands_of(values, frozenset({"-x", "-i", "-b", "-n", "-P"}))[1:], "-m")


def _sevenzip(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "-sdel" in values:
        _delete(cmd, w, [v for v in values if not v.startswith("-")][2:], "-sdel")


def _rsync(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "--remove-source-files" in values:
        sources = [v for v in values if not v.startswith("-")][:-1]
        _delete(cmd, w, sources, "--remove-source-files")


REMOVE_RULES: dict[str, Rule] = {name: _compressor for name in _REPLACE | _KEEP}
REMOVE_RULES |= {"tar": _tar, "bsdtar": _tar, "zip": _zip, "rsync": _rsync}
REMOVE_RULES |= {name: _sevenzip for name in ("7z", "7za", "7zz", "7zr")}
