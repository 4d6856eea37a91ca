"""A resolved simple command as the rules see it: name, argv, redirects, stdin."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._word_types import Arg

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["IN_OPS", "OUT_OPS", "Cmd", "Redirect", "Rule", "Stdin", "canonical", "command_name"]

OUT_OPS = {">", ">>", "&>", "&>>", ">|", ">&", "<>"}
IN_OPS = {"<", "<>", "<&"}


@dataclass(frozen=True, slots=True)
class Stdin:
    """What feeds a command's standard input: producer kinds and literal text if known."""

    kinds: frozenset[str] = frozenset()
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Redirect:
    op: str
    target: Arg | None = None
    body: str | None = None  # heredoc / here-string text
    kinds: frozenset[str] = frozenset()  # what the here-string's $(…) produce (download …)


@dataclass
class Cmd:
    """One resolved simple command: ``name`` is the basename of the command word."""

    name: str
    word: str
    args: list[Arg]
    redirects: list[Redirect] = field(default_factory=list)
    stdin: Stdin | None = None
    # The argument texts, read by most rules of a program (a chain of ten for git): built
    # once. No rule changes ``args`` in place; each caller gets its own list to change.
    _texts: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)
    # What the every-command word checks could find in the arguments (``_word_facts``).
    bits: int | None = field(default=None, init=False, repr=False, compare=False)

    def values(self) -> list[str]:
        texts = self._texts
        if texts is None:
            texts = self._texts = tuple(a.text for a in self.args)
        return list(texts)

    def fed_texts(self) -> list[str]:
        """The text the program reads as its input, where the line says it: what a pipe
        feeds it (when known), then its here-documents and here-strings."""
        texts = [self.stdin.text] if self.stdin is not None and self.stdin.text is not None else []
        return texts + [r.body for r in self.redirects if r.body is not None]


@lru_cache(maxsize=4096)  # pure; asked for each argv and again by pipelines and producers
def command_name(word: str) -> str:
    """The basename a command word runs (``/usr/bin/python3.11`` -> ``python3.11``)."""
    if word.startswith("/proc/") and word.endswith("/exe"):
        return "bash"  # /proc/self/exe, /proc/$$/exe: the shell that runs the line
    return posixpath.basename(word.rstrip("/")) or word


Rule = Callable[[Cmd, "Walker"], None]
"""A rule looks at one resolved command and flags findings on the walker."""


@lru_cache(maxsize=1024)
def canonical(name: str) -> str:
    """One name for the spellings of a tool (python3.11 -> python, mkfs.ext4 -> mkfs)."""
    if re.fullmatch(r"[\w.+-]+\.(exe|com)", name, re.I):
        name = name[:-4].lower()  # a Windows program run from WSL (reg.exe, CMD.EXE) is itself
    if len(name) > 1 and name[0] == "." and name[1] != ".":
        name = name[1:]  # a program hidden by a leading dot (/tmp/.xmrig) is the one it names
    if re.fullmatch(r"python[0-9.]*m?|pypy[0-9.]*", name):
        return "python"
    if re.fullmatch(r"(mkfs|mke2fs|mkswap|mkdosfs|mkntfs)(\..+)?", name):
        return "mkfs"
    if re.fullmatch(r"(powershell|pwsh)(\.exe)?(-preview)?|pwsh-lts", name, re.I):
        return "pwsh"
    if re.fullmatch(r"luajit[0-9.-]*", name):
        return "lua"
    if re.fullmatch(r"(perl|ruby|php|node|nodejs|lua|julia)[0-9.]*", name):
        return re.sub(r"[0-9.]+$", "", name).replace("nodejs", "node")
    return name
