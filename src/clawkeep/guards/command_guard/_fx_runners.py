"""Build and task runners that run a file this line wrote: ``printf 'all:\\n\\tcmd' >
Makefile && make``, a ``package.json`` whose scripts npm runs, a ``conftest.py`` pytest
imports, a ``justfile``, ``Taskfile.yml``, ``Rakefile``, ``noxfile.py`` or ``gulpfile.js``.

The file's text is known, so what the runner will execute is judged now: recipe lines and
scripts as shell text, Python/Ruby/JavaScript files as code in their language.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re

from clawkeep.guards.command_guard._build_text import included, make_shell, makefile_lines
from clawkeep.guards.command_guard._fx_cap import judged
from clawkeep.guards.command_guard._fx_startup import load_file
from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._net_tables import SHELLS
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker, command_name
from clawkeep.guards.command_guard._yaml_fields import items_under, values_of

__all__ = ["RUNNER_RULES"]

# The names go-task looks for (taskfile.dev: "Getting started").
_TASKFILES = frozenset(
    f"{stem}.{ext}"
    for stem in ("Taskfile", "taskfile", "Taskfile.dist", "taskfile.dist")
    for ext in ("yml", "yaml")
)
_JS = ("js", "cjs", "mjs", "ts")
# runner -> (file names it reads, how their text runs: "recipes" | "scripts" | "tasks" | a
# language)
_RUNS: dict[str, tuple[frozenset[str], str]] = {
    "make": (frozenset({"Makefile", "makefile", "GNUmakefile"}), "recipes"),
    "gmake": (frozenset({"Makefile", "makefile", "GNUmakefile"}), "recipes"),
    "just": (frozenset({"justfile", "Justfile", ".justfile"}), "recipes"),
    "npm": (frozenset({"package.json"}), "scripts"),
    "pnpm": (frozenset({"package.json"}), "scripts"),
    "yarn": (frozenset({"package.json"}), "scripts"),
    "bun": (frozenset({"package.json"}), "scripts"),
    "task": (_TASKFILES, "tasks"),
    "go-task": (_TASKFILES, "tasks"),
    "pytest": (frozenset({"conftest.py"}), "python"),
    "py.test": (frozenset({"conftest.py"}), "python"),
    "nox": (frozenset({"noxfile.py"}), "python"),
    "invoke": (frozenset({"tasks.py"}), "python"),
    "inv": (frozenset({"tasks.py"}), "python"),
    "fab": (frozenset({"fabfile.py"}), "python"),
    "doit": (frozenset({"dodo.py"}), "python"),
    "rake": (frozenset({"Rakefile", "rakefile", "Rakefile.rb"}), "ruby"),
    "gulp": (frozenset({"gulpfile.js", "gulpfile.cjs", "gulpfile.mjs"}), "node"),
    "jest": (frozenset(f"jest.{k}.{e}" for k in ("setup", "config") for e in _JS), "node"),
    "vitest": (frozenset(f"vitest.{k}.{e}" for k in ("setup", "config") for e in _JS), "node"),
    "mocha": (frozenset({".mocharc.js", ".mocharc.cjs"}), "node"),
    "go": (frozenset(), "go"),  # `go test` compiles and runs the package's *_test.go
    "grunt": (frozenset({"Gruntfile.js", "gruntfile.js"}), "node"),
}
_FILE_FLAGS = frozenset({"-f", "--file", "--makefile", "--justfile", "--noxfile", "-c"})
_TASK_FLAGS = frozenset({"-t", "--taskfile"})  # go-task's -t is its file, make's is --touch
_FILE_OPTIONS = ("--file=", "--makefile=", "--justfile=", "--taskfile=")
_STDIN_FILES = frozenset({"-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"})
_TEST_FILE = re.compile(r"^(test_.*|.*_test)\.py$")
# The test files each runner loads by their names (its default patterns).
_TESTS = {
    "pytest": _TEST_FILE,
    "py.test": _TEST_FILE,
    "jest": re.compile(r"^.*\.(test|spec)\.[cm]?[jt]sx?$"),
    "vitest": re.compile(r"^.*\.(test|spec)\.[cm]?[jt]sx?$"),
    "mocha": re.compile(r"^.*\.(test|spec)\.[cm]?js$"),
    "go": re.compile(r"^.*_test\.go$"),
}


def _makefile(text: str, where: str, w: Walker, seen: frozenset[str] = frozenset()) -> None:
    """A makefile's or justfile's command lines; recipes run by a program other than a
    shell (``SHELL = /tmp/x``) run as that program, which is judged as the file it is."""
    shell = make_shell(text)
    if shell is not None and command_name(shell) not in SHELLS:
        load_file(shell, "sh", f"the SHELL of {where}", w)
        if not w.written.get(w.place(shell).path) and not w.fetched(shell):
            # dynamic_command: the recipes are fed to a program whose code the line hides
            w.flag("dynamic_command", f"{where} runs its recipes with {shell}")
    for line in judged(makefile_lines(text), where, w):
        w.script(line, where)
    for name in included(text):  # `include other.mk`: its rules are the makefile's own
        path = w.place(name).path
        found = w.written.get(path)
        if found is not None and path not in seen and len(seen) < 8:
            _makefile(found, f"{name}, included by {where}", w, seen | {path})
        elif w.fetched(name):
            # download_exec: make reads a makefile this line downloaded and runs its rules
            w.flag("download_exec", f"{where} includes {name}, downloaded by this line")


def _tasks(text: str) -> list[str]:
    """The command lines of a Taskfile: ``cmds``, ``status`` and ``preconditions`` items,
    ``cmd:`` and ``defer:`` values, and the ``sh:`` of dynamic variables."""
    lines = [line for key in ("cmds", "status", "preconditions") for line in items_under(text, key)]
    return lines + [line for key in ("cmd", "sh", "defer") for line in values_of(text, key)]


def _scripts(text: str) -> list[str]:
    try:
        found = json.loads(text).get("scripts", {})
    except (ValueError, AttributeError):
        return re.findall(r"\"(?:pre|post)?\w*\"\s*:\s*\"((?:\\.|[^\"\\])*)\"", text)
    return [v for v in found.values() if isinstance(v, str)] if isinstance(found, dict) else []


def _runner(cmd: Cmd, w: Walker) -> None:
    names, how = _RUNS[cmd.name]
    values = cmd.values()
    if how == "scripts":
        _set_script(values, cmd.name, w)
    flags = _TASK_FLAGS if how == "tasks" else _FILE_FLAGS
    named = [b for a, b in itertools.pairwise(values) if a in flags]
    named += [v.split("=", 1)[1] for v in values if v.startswith(_FILE_OPTIONS)]
    if cmd.name not in ("make", "gmake") and any(n in _STDIN_FILES for n in named):
        _from_input(cmd, how, w)  # `just --justfile - <<< …`; make's own rule reads its own
    targets = {w.place(n).path for n in named}
    fetched = [n for n in named if w.fetched(n) or unvetted_source(n)]  # task -t https://…
    fetched = fetched or sorted(set() if named else {n for n in names if w.fetched(n)})
    if fetched:
        # download_exec: the runner runs what a file this line downloaded tells it to
        w.flag("download_exec", f"{cmd.name} runs what {fetched[0]} says, a download")
    for path, text in list(w.written.items()):
        base = posixpath.basename(path)
        picked = path in targets or (not targets and base in names)
        tests = _TESTS.get(cmd.name)
        runs_tests = cmd.name != "go" or values[:1] == ["test"]
        picked |= tests is not None and runs_tests and bool(tests.match(base))
        if not picked:
            continue
        _run_text(text, how, f"{path}, written by this line and run by {cmd.name}", w)


def _run_text(text: str, how: str, where: str, w: Walker) -> None:
    if how == "recipes":
        _makefile(text, where, w)
    elif how in ("scripts", "tasks"):
        for line in judged(_scripts(text) if how == "scripts" else _tasks(text), where, w):
            w.script(line, where)
    else:
        w.code(how, text)


def _from_input(cmd: Cmd, how: str, w: Walker) -> None:
    """The runner's file is its own input: what the line feeds it is what it runs."""
    where = f"the file {cmd.name} reads from its input"
    if cmd.stdin is not None and cmd.stdin.kinds & {"download", "decode", "cipher"}:
        # download_exec: the recipes are a download (or a decoding) piped into the runner
        w.flag("download_exec", f"{cmd.name} runs what its input says, a download or a decoding")
        return
    texts = cmd.fed_texts()
    if not texts and cmd.stdin is not None:
        # dynamic_command: the recipes are another program's output, known only at run time
        # (as make's own rule says of `… | make -f -`)
        w.flag("dynamic_command", f"{cmd.name} runs recipes read from its input at run time")
    for text in texts:
        _run_text(text, how, where, w)


def _set_script(values: list[str], name: str, w: Walker) -> None:
    """``npm pkg set scripts.postinstall=CMD``, ``npm set-script NAME CMD``: the package's
    own scripts, which npm runs on the next install or run; CMD is judged now."""
    if values[:2] == ["pkg", "set"]:
        for value in values[2:]:
            key, _, text = value.partition("=")
            if key.startswith("scripts.") and text:
                w.script(text, f"a script {name} pkg set writes")
    elif values[:1] == ["set-script"] and len(values) >= 3:
        w.script(values[2], f"a script {name} set-script writes")


RUNNER_RULES: dict[str, Rule] = {name: _runner for name in _RUNS}
