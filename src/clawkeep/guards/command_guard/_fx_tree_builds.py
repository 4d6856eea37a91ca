"""Build, test and install tools run inside a tree this line filled from a host nobody
vouches for (``_fx_trees``): ``make``, ``cmake``, ``npm install``/``test``, ``pip install
.``, ``cargo build``, ``go run``/``test``/``generate``, ``gradle``, ``mvn``, ``bundle``,
``composer``, ``poetry``, ``tox``, ``pytest`` … run the project's own code (recipes,
lifecycle scripts, ``setup.py``, ``build.rs``, tests), so they run the download: refused
as ``curl … | sh`` is (``download_exec``).

Which folder a tool runs: the one an option names (``make -C DIR``, ``npm --prefix DIR``,
``cargo --manifest-path DIR/Cargo.toml``), a path among its words (``pip install
/tmp/r``), else the current one. ``pip install NAME`` inside such a tree installs from the
registry and runs nothing of the tree: only path words count for pip.
"""

from __future__ import annotations

from clawkeep.guards.command_guard._fx_trees import tree_source
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["TREE_BUILD_RULES"]

_F = frozenset
# The npm-like verbs that run the project's scripts (lifecycle or named) or install it.
_NPM_RUNS = _F({"install", "i", "in", "add", "ci", "clean-install", "ic", "install-test", "it"})
_NPM_RUNS |= {"cit", "run", "run-script", "rum", "urn", "test", "t", "tst", "start", "restart"}
_NPM_RUNS |= {"stop", "rebuild", "rb", "pack", "publish", "exec", "x", "link", "ln", "dev"}
_NPM_RUNS |= {"build", "prepare", "update", "up", "upgrade"}
_NPM_DIRS = _F({"--prefix", "-C", "--dir", "--cwd"})
_ANY: frozenset[str] = _F()  # every verb runs the project's file
# tool -> (verbs that run the project's code (_ANY: all), options naming its folder or file)
_TOOLS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "make": (_ANY, _F({"-C", "--directory", "-f", "--file", "--makefile"})),
    "just": (_ANY, _F({"-d", "--working-directory", "-f", "--justfile"})),
    "ninja": (_ANY, _F({"-C", "-f"})),
    "rake": (_ANY, _F({"-C", "--directory", "-f", "--rakefile"})),
    "scons": (_ANY, _F({"-C", "--directory", "-f", "--file", "--sconstruct"})),
    "cmake": (_ANY, _F({"-S", "-P", "--build", "-B"})),
    "meson": (_ANY, _F({"-C"})),
    "task": (_ANY, _F({"-d", "--dir", "-t", "--taskfile"})),
    "npm": (_NPM_RUNS, _NPM_DIRS),
    "pnpm": (_NPM_RUNS, _NPM_DIRS),
    "yarn": (_NPM_RUNS, _NPM_DIRS),
    "bun": (_NPM_RUNS, _NPM_DIRS),
    "cargo": (
        _F({"build", "b", "check", "c", "run", "r", "test", "t", "bench", "install"})
        | {"doc", "d", "clippy", "fix"},
        _F({"--manifest-path", "--path", "-C"}),
    ),
    "go": (_F({"run", "test", "generate", "install", "vet"}), _F({"-C"})),
    "gradle": (_ANY, _F({"-p", "--project-dir", "-b", "--build-file"})),
    "mvn": (_ANY, _F({"-f", "--file"})),
    "ant": (_ANY, _F({"-f", "-file", "-buildfile"})),
    "bundle": (_F({"install", "exec", "update", "package", "binstubs"}), _F({"--gemfile"})),
    "composer": (
        _F({"install", "update", "run-script", "run", "exec", "test"}),
        _F({"-d", "--working-dir"}),
    ),
    "poetry": (_F({"install", "run", "build", "sync"}), _F({"-C", "--directory", "-P"})),
    "pdm": (_F({"install", "run", "build", "sync"}), _F({"-p", "--project"})),
    "hatch": (_F({"run", "build", "test", "shell"}), _F({"-p", "--project"})),
    "pipenv": (_F({"install", "run", "sync"}), _F()),
    "uv": (_F({"sync", "run", "build", "tool"}), _F({"--directory", "--project"})),
    "tox": (_ANY, _F({"-c", "--conf", "--root"})),
    "nox": (_ANY, _F({"-f", "--noxfile"})),
    "pytest": (_ANY, _F({"--rootdir", "-c", "--confcutdir"})),
    "invoke": (_ANY, _F({"-r", "--search-root", "-c", "--collection"})),
    "cpanm": (_ANY, _F()),
}
for _name, _same in (("gmake", "make"), ("bmake", "make"), ("go-task", "task"), ("inv", "invoke")):
    _TOOLS[_name] = _TOOLS[_same]
_TOOLS["py.test"] = _TOOLS["pytest"]
_BARE_INSTALLS = _F({"yarn", "pnpm", "bun", "bundle", "composer", "tox", "nox", "pytest"})
_PIP_RUNS = _F({"install", "wheel", "download", "build", "inject", "upgrade"})
# Tools whose words after the verb may name the project's folder (`npm install /tmp/r`).
_PATH_WORDS = _F({"cmake", "meson", "npm", "pnpm", "yarn", "bun", "go", "cargo"})
_PIP_FILES = _F({"-e", "--editable", "-r", "--requirement", "-c", "--constraint"})


def _option_values(values: list[str], names: frozenset[str]) -> list[str]:
    """The values of ``-C DIR``, ``-CDIR`` and ``--directory=DIR`` for the given names."""
    out: list[str] = []
    for index, value in enumerate(values):
        name, eq, given = value.partition("=")
        if value in names and index + 1 < len(values):
            out.append(values[index + 1])
        elif eq and name in names and name.startswith("--"):
            out.append(given)
        elif value[:2] in names and len(value) > 2 and not value.startswith("--"):
            out.append(value[2:])  # make -C/tmp/r
    return out


def _is_path(word: str) -> bool:
    """A local project, not a registry's package: ``.``, ``./r``, ``/tmp/r[dev]``,
    ``file:/tmp/r``."""
    word = word.split("[", 1)[0].removeprefix("file:")  # pip's extras, npm's file: spec
    return word in (".", "..") or word.startswith(("./", "../", "/", "~")) or "/" in word


def _path(word: str) -> str:
    return word.split("[", 1)[0].removeprefix("file:") or "."


def _words(values: list[str], names: frozenset[str]) -> list[str]:
    """The words that are not options or an option's value."""
    out: list[str] = []
    skip = False
    for value in values:
        if skip:
            skip = False
        elif value.startswith("-"):
            skip = value in names
        else:
            out.append(value)
    return out


def _pip_places(name: str, values: list[str]) -> list[str] | None:
    """pip, pipx, ``python -m pip``, ``uv pip``: the local projects they build (a path
    word, ``-e DIR``, ``-r FILE``); None: not an installer of this kind."""
    if name == "python" or name == "uv":
        head = ["-m", "pip"] if name == "python" else ["pip"]
        if values[: len(head)] != head:
            return None
        values = values[len(head) :]
    elif name not in ("pip", "pip3", "pipx"):
        return None
    words = _words(values, _PIP_FILES)
    if not words or words[0] not in _PIP_RUNS:
        return []
    return [_path(w) for w in words[1:] if _is_path(w)] + _option_values(values, _PIP_FILES)


def _places(cmd: Cmd) -> list[str]:
    """The folders or files of the project the tool runs; ``[]``: it runs none."""
    values = cmd.values()
    pip = _pip_places(cmd.name, values)
    if pip is not None:
        return pip
    if cmd.name == "python":
        return []  # `python setup.py`, `python x.py`: a script run, judged by Walker.fetched
    if values in (["--version"], ["-V"], ["--help"], ["-h"]):
        return []
    verbs, options = _TOOLS[cmd.name]
    words = _words(values, options)
    if verbs and not (words[0] in verbs if words else cmd.name in _BARE_INSTALLS):
        return []
    named = _option_values(values, options)
    candidates = words[1:] if verbs else words
    paths = [_path(w) for w in candidates if _is_path(w)] if cmd.name in _PATH_WORDS else []
    return named + paths or ["."]


def _tree_build(cmd: Cmd, w: Walker) -> None:
    if not w.trees:
        return
    for path in _places(cmd):
        source = tree_source(path, w)
        if source is not None:
            # download_exec: the tool runs the project's own code, which came from source
            w.flag("download_exec", f"{cmd.name} runs the code of {path}, downloaded from {source}")
            return


TREE_BUILD_RULES: dict[str, Rule] = {name: _tree_build for name in _TOOLS}
TREE_BUILD_RULES |= {name: _tree_build for name in ("pip", "pip3", "pipx", "python")}
