"""Edits to a JSON5 config file that keep its comments and layout.

A value is replaced in place at its located span; a missing key is inserted into its
deepest existing parent object. The result is parsed again before it is written, the
old file is kept as a 0600 backup, and the write is atomic. A symlinked config is edited
where it points (the link stays a link), and a FIFO or device in the config's place is
refused at once rather than waited on.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyjson5

from clawkeep.config._include import read_config_bytes
from clawkeep.config._locate import KeyPath, locate_all
from clawkeep.config.errors import ConfigError
from clawkeep.fsutil import atomic_write
from clawkeep.logfiles import prune_backups

__all__ = ["ConfigEdit", "EditError", "apply_edits", "set_value"]


class EditError(Exception):
    """The edit could not be made safely; the file was left as it was."""


@dataclass(frozen=True, slots=True)
class ConfigEdit:
    """Set ``path`` to ``value`` (a JSON-serialisable value)."""

    path: KeyPath
    value: Any


def _literal(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def set_value(text: str, path: KeyPath, value: Any) -> str:
    """Return ``text`` with ``path`` set to ``value``; comments elsewhere are untouched."""
    spans = locate_all(text)
    span = spans.get(path)
    if span is not None:
        return text[: span.start] + _literal(value) + text[span.end :]
    for cut in range(len(path) - 1, -1, -1):
        parent = spans.get(path[:cut])
        if parent is None:
            continue
        if text[parent.start] != "{":
            raise EditError(f"cannot add a key under a value that is not an object: {path[:cut]}")
        nested: Any = value
        for key in reversed(path[cut + 1 :]):
            nested = {key: nested}
        member = f"\n  {_literal(path[cut])}: {_literal(nested)},"
        if not text[parent.start + 1 : parent.end - 1].strip():
            member = member.rstrip(",") + "\n"
        return text[: parent.start + 1] + member + text[parent.start + 1 :]
    raise EditError("the file has no top-level object")


def apply_edits(file: Path, edits: list[ConfigEdit]) -> Path | None:
    """Apply ``edits`` to ``file`` atomically; returns the backup's path (None if new)."""
    file = file.resolve() if file.is_symlink() else file  # edit the target; keep the link
    exists = file.exists()
    try:
        # Non-blocking and regular files only: a FIFO must not hang `doctor --fix`.
        original = read_config_bytes(file).decode("utf-8") if exists else "{\n}\n"
    except (ConfigError, UnicodeDecodeError) as exc:
        raise EditError(f"cannot edit {file}: {exc}; nothing was written") from None
    text = original
    for edit in edits:
        text = set_value(text, edit.path, edit.value)
    try:
        tree = pyjson5.decode(text)
    except pyjson5.Json5DecoderException as exc:
        raise EditError(f"the edited config would not parse ({exc}); nothing was written") from None
    for edit in edits:
        node: Any = tree
        for key in edit.path:
            node = node[key]
        if node != edit.value:
            raise EditError("the edited config does not hold the new value; nothing was written")
    backup: Path | None = None
    if exists:
        backup = file.with_name(f"{file.name}.bak-{time.strftime('%Y%m%d-%H%M%S')}")
        atomic_write(backup, original)  # 0600, like the config it copies
        prune_backups(file)  # the newest few are kept, not every edit ever made
    atomic_write(file, text)
    return backup
