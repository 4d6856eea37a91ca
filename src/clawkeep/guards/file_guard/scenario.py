"""Filesystem scenarios of the path corpus, built for real under a temporary directory.

Notation (Go's os.Root tests): ``d/`` a directory, ``f`` a file, ``a => b`` a symlink
a -> b, ``a == b`` a hard link a to b; ``$ROOT`` is the root (named ``ROOT``) and
``$OUTSIDE`` a sibling directory holding ``secret.txt``. Used by the CLI's ``--jsonl``
mode, the tests and the benchmark; a snapshot of the outside tree shows it untouched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

__all__ = ["OUTSIDE_SECRET", "Scenario"]

OUTSIDE_SECRET = b"outside secret: must never be read or changed\n"


@dataclass
class Scenario:
    """A temporary ``ROOT`` and ``OUTSIDE`` pair; use as a context manager."""

    base: Path
    root: Path
    outside: Path

    @classmethod
    def create(cls, fs: list[str] | tuple[str, ...] = ()) -> Scenario:
        base = Path(tempfile.mkdtemp(prefix="clawkeep-fg-")).resolve()
        scenario = cls(base, base / "ROOT", base / "OUTSIDE")
        scenario.root.mkdir()
        scenario.outside.mkdir()
        (scenario.outside / "secret.txt").write_bytes(OUTSIDE_SECRET)
        for entry in fs:
            scenario.add(entry)
        return scenario

    def expand(self, text: str) -> str:
        """Replace ``$ROOT`` and ``$OUTSIDE`` with this scenario's absolute paths."""
        return text.replace("$ROOT", str(self.root)).replace("$OUTSIDE", str(self.outside))

    def _place(self, name: str) -> Path:
        path = Path(self.expand(name))
        return path if path.is_absolute() else self.root / path

    def add(self, entry: str) -> None:
        """Create one entry in the corpus notation."""
        if " => " in entry:
            name, target = entry.split(" => ", 1)
            link = self._place(name)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(self.expand(target))
        elif " == " in entry:
            name, existing = entry.split(" == ", 1)
            source, link = self._place(existing), self._place(name)
            if not source.exists():
                source.parent.mkdir(parents=True, exist_ok=True)
                source.write_bytes(b"source\n")
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, link)
        elif entry.endswith("/"):
            self._place(entry).mkdir(parents=True, exist_ok=True)
        else:
            path = self._place(entry)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f"file {entry}\n".encode())

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
