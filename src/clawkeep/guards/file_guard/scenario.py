"""Filesystem scenarios of the path corpus, built for real under a temporary directory.

Notation (Go's os.Root tests): ``d/`` a directory, ``f`` a file, ``a => b`` a symlink
a -> b, ``a == b`` a hard link a to b; ``$ROOT`` is the root (named ``ROOT``) and
``$OUTSIDE`` a sibling directory holding ``secret.txt``. Used by the CLI's ``--jsonl``
mode, the tests and the benchmark; a snapshot of the outside tree shows it untouched.

Every entry is confined to the scenario's fresh temporary directory: a name that is
absolute or climbs with ``..`` out of it, a parent that is a symlink, or an existing
symlink in the entry's place is refused (`ScenarioError`), so building a record never
writes outside. With ``links_inside`` (the CLI's records come from anywhere) a symlink's
target must stay inside too.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

__all__ = ["OUTSIDE_SECRET", "Scenario", "ScenarioError"]

OUTSIDE_SECRET = b"outside secret: must never be read or changed\n"


class ScenarioError(ValueError):
    """A scenario entry that would reach outside its temporary directory; ``reason`` is
    the stable code, str(self) the sentence."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


@dataclass
class Scenario:
    """A temporary ``ROOT`` and ``OUTSIDE`` pair; use as a context manager."""

    base: Path
    root: Path
    outside: Path
    links_inside: bool = False

    @classmethod
    def create(
        cls, fs: list[str] | tuple[str, ...] = (), *, links_inside: bool = False
    ) -> Scenario:
        """A fresh scenario with ``fs`` built; on a refused entry nothing is left behind."""
        base = Path(tempfile.mkdtemp(prefix="clawkeep-fg-")).resolve()
        scenario = cls(base, base / "ROOT", base / "OUTSIDE", links_inside)
        try:
            scenario.root.mkdir()
            scenario.outside.mkdir()
            (scenario.outside / "secret.txt").write_bytes(OUTSIDE_SECRET)
            for entry in fs:
                scenario.add(entry)
        except BaseException:
            scenario.cleanup()
            raise
        return scenario

    def expand(self, text: str) -> str:
        """Replace ``$ROOT`` and ``$OUTSIDE`` with this scenario's absolute paths."""
        return text.replace("$ROOT", str(self.root)).replace("$OUTSIDE", str(self.outside))

    def _inside(self, path: str) -> bool:
        base = str(self.base)
        return path == base or path.startswith(base + "/")

    def _place(self, name: str) -> Path:
        expanded = self.expand(name)
        joined = expanded if expanded.startswith("/") else f"{self.root}/{expanded}"
        path = posixpath.normpath(joined)
        if not self._inside(path) or path == str(self.base):
            # Security: a record names where to write; only this fresh directory is ours.
            raise ScenarioError(
                "guard.scenario.outside",
                f"fs entry {name!r} is outside the scenario directory; "
                "use a path under $ROOT or $OUTSIDE",
            )
        return Path(path)

    def _parent(self, path: Path) -> None:
        """Make ``path``'s parent directories, refusing any that is not a real directory."""
        current = self.base
        for part in path.relative_to(self.base).parts[:-1]:
            current = current / part
            try:
                mode = os.lstat(current).st_mode
            except FileNotFoundError:
                current.mkdir()
                continue
            if not stat.S_ISDIR(mode):
                # Security: creating through a symlinked parent would write where it points.
                raise ScenarioError(
                    "guard.scenario.through_link",
                    f"{current.relative_to(self.base)} is not a directory; "
                    "an entry cannot be created through a link or a file",
                )

    def _fresh(self, path: Path) -> Path:
        """``path`` with its parents made; refused when a symlink or directory is there."""
        self._parent(path)
        if path.is_symlink():
            raise ScenarioError(
                "guard.scenario.through_link",
                f"{path.relative_to(self.base)} is already a symlink; it is not replaced "
                "or written through",
            )
        return path

    def _write(self, path: Path, data: bytes) -> None:
        # O_NOFOLLOW: the final name is never followed, even if a link appears there.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(self._fresh(path), flags, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)

    def _link_target(self, link: Path, target: str) -> str:
        expanded = self.expand(target)
        if self.links_inside:
            joined = expanded if expanded.startswith("/") else f"{link.parent}/{expanded}"
            if not self._inside(posixpath.normpath(joined)):
                # A record's link to /etc/shadow (or ../../..) is not built from the CLI.
                raise ScenarioError(
                    "guard.scenario.link_outside",
                    f"symlink target {target!r} points outside the scenario directory",
                )
        return expanded

    def add(self, entry: str) -> None:
        """Create one entry in the corpus notation (ScenarioError when it reaches outside)."""
        if " => " in entry:
            name, target = entry.split(" => ", 1)
            link = self._fresh(self._place(name))
            link.symlink_to(self._link_target(link, target))
        elif " == " in entry:
            name, existing = entry.split(" == ", 1)
            source, link = self._place(existing), self._fresh(self._place(name))
            if not os.path.lexists(source):
                self._write(source, b"source\n")
            self._parent(source)
            os.link(source, link, follow_symlinks=False)
        elif entry.endswith("/"):
            path = self._fresh(self._place(entry))
            if not path.is_dir():
                path.mkdir()
        else:
            self._write(self._place(entry), f"file {entry}\n".encode())

    def outside_snapshot(self) -> dict[str, str]:
        """Name -> sha256 of every file under OUTSIDE (and the base), to show nothing moved."""
        out: dict[str, str] = {}
        for dirpath, dirnames, filenames in os.walk(self.base):
            if Path(dirpath).is_relative_to(self.root):
                dirnames.clear()
                continue
            for name in filenames:
                full = Path(dirpath) / name
                if not full.is_symlink():
                    out[str(full)] = hashlib.sha256(full.read_bytes()).hexdigest()
        return out

    def cleanup(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> Scenario:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cleanup()
