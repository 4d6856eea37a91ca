"""Build tools that run what a build file the line wrote tells them to: CMake's
``execute_process``/``add_custom_command`` (``cmake -S .``, ``cmake -P x.cmake``), Meson's
``run_command`` and ``command:`` lists, Cargo's ``build.rs`` (and the crate's own code for
``cargo run``/``test``) and the runner or wrapper a ``.cargo/config.toml`` names, Gradle's
build scripts (``exec``/``commandLine``, ``"…".execute()``), Maven's and Ant's ``exec``,
tox's ``commands``, and the ``setup.py`` ``python -m build``/``pip wheel`` runs.

The file's text is known, so what the tool will run is judged now: each command as the
argv it is, each build script as code that may start the command lines it spells. A
makefile's recipes and a package.json's scripts are judged by ``_fx_runners``.
"""

from __future__ import annotations

import itertools
import posixpath
import re

from clawkeep.guards.command_guard._build_text import (
    cmake_commands,
    meson_commands,
    pom_commands,
    tox_commands,
)
from clawkeep.guards.command_guard._fx_cap import judged
from clawkeep.guards.command_guard._fx_compiled import judge_source
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import literal

__all__ = ["BUILD_RULES"]

_CARGO_BUILDS = frozenset({"build", "b", "check", "c", "clippy", "doc", "d", "fix", "package"})
_CARGO_RUNS = frozenset({"run", "r", "test", "t", "bench", "install", "publish"})
_GRADLE_FILES = re.compile(r"^(build|settings)\.gradle(\.kts)?$|\.gradle(\.kts)?$")
# Groovy/Kotlin ways of starting a process that judge_source's own pattern does not name.
_GRADLE_SPAWNS = re.compile(r"\bcommandLine\b|\.execute\(\s*\)|\bexec\s*\{|\bproviders\.exec\b")
_CARGO_CONFIG = re.compile(
    r"^\s*(runner|rustc-wrapper|rustc-workspace-wrapper|rustc)\s*=\s*"
    r"(\[.*\]|\"(?:\\.|[^\"\\])*\"|'[^']*')",
    re.M,
)
_QUOTED = re.compile(r"\"((?:\\.|[^\"\\])*)\"|'([^']*)'")


def _run(argv: list[str], w: Walker) -> None:
    if argv:
        w.run_argv([literal(word) for word in argv])


def _written(w: Walker, pick: re.Pattern[str] | frozenset[str]) -> list[tuple[str, str]]:
    """The files this line wrote whose name is in ``pick`` (or matches it)."""
    out: list[tuple[str, str]] = []
    for path, text in list(w.written.items()):
        name = posixpath.basename(path)
        if name in pick if isinstance(pick, frozenset) else pick.search(name):
            out.append((path, text))
    return out


def _cmake(cmd: Cmd, w: Walker) -> None:
    """``cmake -S .``/``cmake ..``/``cmake --build``: the project's CMake files run their
    commands; ``cmake -P FILE`` runs FILE as a script."""
    values = cmd.values()
    if values[:1] == ["-E"] and cmd.name == "cmake":  # ctest's -E is a test name pattern
        _cmake_tool(values[1:], w)
        return
    if values and values[0] in ("--version", "--help", "-h", "--system-information"):
        return
    flags = ("-P", "-S") if cmd.name == "ctest" else ("-P",)  # ctest -S: a dashboard script
    scripts = [values[i + 1] for i, v in enumerate(values[:-1]) if v in flags]
    chosen = {w.place(s).path for s in scripts}
    for path, text in list(w.written.items()):
        name = posixpath.basename(path)
        if path in chosen or name == "CMakeLists.txt" or name.endswith(".cmake"):
            for argv in judged(cmake_commands(text), path, w):
                _run(argv, w)


# `cmake -E TOOL …`: the portable file commands, as the program each one is.
_CMAKE_TOOLS = {
    "rm": ["rm"],
    "remove": ["rm", "-f"],
    "remove_directory": ["rm", "-rf"],
    "copy": ["cp"],
    "copy_directory": ["cp", "-r"],
    "copy_directory_if_different": ["cp", "-r"],
    "copy_if_different": ["cp"],
    "rename": ["mv"],
    "create_symlink": ["ln", "-s"],
    "create_hardlink": ["ln"],
    "make_directory": ["mkdir", "-p"],
    "touch": ["touch"],
    "cat": ["cat"],
    "tar": ["tar"],
    "env": ["env"],
    "time": ["time"],
}


def _cmake_tool(values: list[str], w: Walker) -> None:
    """``cmake -E remove_directory ~``, ``cmake -E env X=1 sh -c …``: judged as the
    program the tool is (``chdir DIR CMD…`` runs CMD)."""
    if not values:
        return
    if values[0] == "chdir" and len(values) > 2:
        _run(values[2:], w)
    elif values[0] in _CMAKE_TOOLS:
        _run([*_CMAKE_TOOLS[values[0]], *values[1:]], w)


def _meson(cmd: Cmd, w: Walker) -> None:
    """``meson setup build``: a ``meson.build`` runs its ``run_command``s while read, its
    targets' commands when built."""
    values = cmd.values()
    if not values or values[0] in ("--version", "-v", "--help", "-h", "help", "init"):
        return
    for path, text in _written(w, frozenset({"meson.build", "meson_options.txt"})):
        for argv in judged(meson_commands(text), path, w):
            _run(argv, w)


def _cargo(cmd: Cmd, w: Walker) -> None:
    """``cargo build`` compiles and runs ``build.rs``; ``cargo run``/``test`` run the crate
    too; a ``.cargo/config.toml`` the line wrote may name the program that runs them."""
    words = [v for v in cmd.values() if not v.startswith("-")]
    verb = words[0] if words else ""
    if verb not in _CARGO_BUILDS | _CARGO_RUNS:
        return
    for path, text in list(w.written.items()):
        name = posixpath.basename(path)
        if name == "build.rs" or (name.endswith(".rs") and verb in _CARGO_RUNS):
            judge_source(text, f"{path}, written by this line and run by cargo {verb}", w)
        elif path.endswith(("/.cargo/config.toml", "/.cargo/config")):
            for match in _CARGO_CONFIG.finditer(text):
                quoted = _QUOTED.findall(match.group(2))
                argv = [re.sub(r"\\(.)", r"\1", a) or b for a, b in quoted]  # TOML's \" is "
                if match.group(2).startswith("["):
                    _run(argv, w)
                elif argv:
                    w.script(argv[0], f"the {match.group(1)} {path} names")


def _gradle(cmd: Cmd, w: Walker) -> None:
    """Gradle (or its wrapper) runs the build scripts as code: judged as source that may
    start the command lines it spells."""
    values = cmd.values()
    if values and values[0] in ("--version", "-v", "--help", "-h"):
        return
    for path, text in _written(w, _GRADLE_FILES):
        spawns = bool(_GRADLE_SPAWNS.search(text))
        judge_source(text, f"{path}, written by this line and run by gradle", w, spawns=spawns)


def _maven(cmd: Cmd, w: Walker) -> None:
    """``mvn``/``ant``: a ``pom.xml`` or ``build.xml`` this line wrote runs the programs
    its exec plugin or task names."""
    values = cmd.values()
    if values and values[0] in ("--version", "-v", "--help", "-h", "-version"):
        return
    named = {w.place(b).path for a, b in itertools.pairwise(values) if a in _FILE_FLAGS}
    for path, text in list(w.written.items()):
        if path in named or posixpath.basename(path) in ("pom.xml", "build.xml"):
            for argv in judged(pom_commands(text), path, w):
                _run(argv, w)


_FILE_FLAGS = frozenset({"-f", "--file", "-buildfile", "-file"})
_PY_BUILDS = frozenset({"wheel", "download", "build"})


def _tox(cmd: Cmd, w: Walker) -> None:
    """``tox``: the ``commands`` of a ``tox.ini`` (or ``setup.cfg``) this line wrote run."""
    named = {w.place(b).path for a, b in itertools.pairwise(cmd.values()) if a in ("-c", "--conf")}
    for path, text in list(w.written.items()):
        if path in named or posixpath.basename(path) in ("tox.ini", "setup.cfg"):
            where = f"{path}, written by this line and run by tox"
            for line in judged(tox_commands(text), where, w):
                w.script(line, where)


def _py_build(cmd: Cmd, w: Walker) -> None:
    """``python -m build``, ``pip wheel DIR``, ``uv build``: building a source tree runs
    the ``setup.py`` this line wrote there (``pip install`` is judged in ``_fx_programs``)."""
    values = cmd.values()
    if cmd.name == "python":
        if values[:2] not in (["-m", "build"], ["-m", "pip"]):
            return
        values = values[2:] if values[1] == "pip" else ["build", *values[2:]]
    elif cmd.name == "uv" and values[:1] == ["pip"]:
        values = values[1:]
    words = [v for v in values if not v.startswith("-")]
    if not words or words[0] not in _PY_BUILDS:
        return
    for folder in [v for v in words[1:] if v.startswith((".", "/", "~"))] or ["."]:
        text = w.written.get(w.place(folder.rstrip("/") + "/setup.py").path)
        if text is not None:
            w.code("python", text)  # the build backend runs setup.py


BUILD_RULES: dict[str, Rule] = {"cmake": _cmake, "meson": _meson, "cargo": _cargo}
BUILD_RULES |= {"gradle": _gradle, "gradlew": _gradle, "mvn": _maven, "mvnw": _maven}
BUILD_RULES |= {"ant": _maven, "muon": _meson, "ctest": _cmake, "tox": _tox}
BUILD_RULES |= {name: _py_build for name in ("python", "pip", "pip3", "uv")}
