"""Compilers and source runners handed a file this line wrote, its own input, or a
download: ``echo '…' > x.go && go run x.go``, ``echo '…' | gcc -x c - && ./a.out``,
``java X.java``, ``rustc a.rs && ./a``, ``curl -o m.go URL && go run m.go``.

The program's text is known, so it is judged as code: the generic inline scan (sockets,
deletes, credential paths, ``system("…")``), and, when it starts processes, every string
literal in it as the command line it may become. A download compiled here runs the
download's code.
"""

from __future__ import annotations

import posixpath
import re

from clawkeep.guards.command_guard._net_tables import SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["COMPILED_RULES", "judge_source"]

# program -> the first words that make it build or run source (None: any operand is source)
_SOURCE_TOOLS: dict[str, frozenset[str] | None] = {
    "go": frozenset({"run", "build"}),
    "zig": frozenset({"run", "build-exe"}),
    "cargo": frozenset({"script"}),
    "dotnet": frozenset({"run"}),
    "nim": frozenset({"c", "r", "compile", "run"}),
}
for _name in ("gcc", "g++", "cc", "c++", "clang", "clang++", "tcc", "c89", "c99", "rustc"):
    _SOURCE_TOOLS[_name] = None
for _name in ("java", "javac", "kotlinc", "kotlin", "scala", "swift", "swiftc", "ghc"):
    _SOURCE_TOOLS[_name] = None
for _name in ("runghc", "runhaskell", "ocaml", "gfortran", "fpc", "dmd", "ldc2", "v", "odin"):
    _SOURCE_TOOLS[_name] = None

_LITERAL = re.compile(r"\"((?:\\.|[^\"\\])*)\"|'((?:\\.|[^'\\])*)'")
_SPAWNS = re.compile(
    r"exec\.Command|Command::new|Runtime\.getRuntime|ProcessBuilder|\b(?:system|popen|execl"
    r"|execlp|execv|execvp|execve|posix_spawnp?|CreateProcess)\s*\(|Process\.Start|proc\.Popen"
    r"|std::process|os\.StartProcess|syscall\.Exec"
)


def judge_source(text: str, where: str, w: Walker, *, spawns: bool = False) -> None:
    """Source code to be built and run: the generic scan, and when it starts processes
    (or ``spawns`` says the language runs them another way) every string literal in it
    as the command line it may become."""
    w.code("compiled", text)  # the scan every inline program gets
    if not spawns and not _SPAWNS.search(text):
        return
    for match in _LITERAL.finditer(text):
        literal = re.sub(r"\\(.)", r"\1", match.group(1) or match.group(2) or "").strip()
        if not literal or literal.startswith("-") or literal in SHELLS or "\n" in literal:
            continue  # `"sh", "-c"`: the shell and its flag; its script is the next literal
        w.script(literal, f"a command in {where}")


def _compiled(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    verbs = _SOURCE_TOOLS[cmd.name]
    words = [v for v in values if not v.startswith("-") or v == "-"]
    if verbs is not None and (not words or words[0] not in verbs):
        return
    for operand in words[0 if verbs is None else 1 :]:
        if operand == "-" and cmd.stdin is not None:
            if cmd.stdin.kinds & {"download", "decode", "cipher"}:
                # download_exec: downloaded or decoded source compiled and run
                w.flag("download_exec", f"{cmd.name} builds source piped from a download")
            elif cmd.stdin.text is not None and UNKNOWN not in cmd.stdin.text:
                judge_source(cmd.stdin.text, f"source piped into {cmd.name}", w)
            continue
        if UNKNOWN in operand:
            continue
        if posixpath.basename(operand) in w.downloaded:
            # download_exec: the downloaded source is built into a program and run
            w.flag("download_exec", f"{cmd.name} builds {operand}, downloaded by this line")
            return
        folder = w.place(operand).path
        for path, text in list(w.written.items()):
            # the file itself, or the files of a package folder (`go run ./tool`)
            if path == folder or path.startswith(folder.rstrip("/") + "/"):
                judge_source(text, f"{path}, written by this line", w)


COMPILED_RULES: dict[str, Rule] = {name: _compiled for name in _SOURCE_TOOLS}
