"""Dependency manifests the line writes that send an installer to a host nobody vouches
for: a ``requirements.txt`` line ``git+http://203.0.113.7/x.git`` (or an index option),
a ``package.json`` dependency given as a URL, a ``Cargo.toml`` ``git =``/``index =``, a
``pyproject.toml`` direct reference (``x @ URL``) or source ``url =``, a ``Gemfile``'s
``source``/``git:``, a ``composer.json`` repository ``url``.

Installing from such a manifest fetches that code and runs its build or install scripts,
as ``pip install http://203.0.113.7/x.tar.gz`` does, which the guard refuses: the same
reason code (``download_exec``). Only the fields that name where code comes from are
read; a homepage or repository link in the same file is not a source.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re

from clawkeep.guards.command_guard._fx_trees import unvetted_url
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["MANIFEST_RULES"]

_URL = r"((?:git\+)?[a-z][\w+.-]*://[^\s\"',\]}]+|[\w.-]+@[\w.-]+:[^\s\"',\]}]+)"
# file name -> the fields of it that name where code is fetched from
_FIELDS: dict[str, re.Pattern[str]] = {
    "Cargo.toml": re.compile(rf"\b(?:git|index|registry-index)\s*=\s*[\"']{_URL}", re.M),
    "pyproject.toml": re.compile(rf"(?:@\s*|\b(?:git|url|index-url)\s*=\s*[\"']){_URL}"),
    "Gemfile": re.compile(rf"(?:\bsource|\bgit:|:git\s*=>)\s*\(?\s*[\"']{_URL}"),
    "composer.json": re.compile(rf"\"url\"\s*:\s*\"{_URL}"),
    "setup.cfg": re.compile(rf"@\s*{_URL}"),
}
_REQUIREMENTS = re.compile(r"^(requirements|constraints)[\w.-]*\.(txt|in)$")
_NPM_DEPS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
_NPM_DEPS_MORE = ("overrides", "resolutions")  # pinned versions of dependencies' dependencies
# tool -> (the manifests it reads, the verbs that install from them; empty: any verb)
_TOOLS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "npm": (("package.json",), frozenset({"install", "i", "ci", "add", "update", "up"})),
    "cargo": (("Cargo.toml",), frozenset({"build", "b", "run", "r", "test", "t", "check"})),
    "bundle": (("Gemfile",), frozenset({"install", "update", "exec", ""})),
    "composer": (("composer.json",), frozenset({"install", "update", "require"})),
    "poetry": (("pyproject.toml",), frozenset({"install", "update", "lock", "sync"})),
    "pdm": (("pyproject.toml",), frozenset({"install", "update", "lock", "sync"})),
    "uv": (("pyproject.toml",), frozenset({"sync", "lock", "run"})),
    "pip": (("pyproject.toml", "setup.cfg"), frozenset({"install", "wheel", "download"})),
}
for _same in ("pnpm", "yarn", "bun"):
    _TOOLS[_same] = _TOOLS["npm"]
_TOOLS["pip3"] = _TOOLS["pip"]


def _npm_sources(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return re.findall(_URL, text)  # not JSON: every address in it, to be safe
    found: list[str] = []
    for key in _NPM_DEPS + _NPM_DEPS_MORE:
        deps = data.get(key) if isinstance(data, dict) else None
        if isinstance(deps, dict):
            found += [v for v in deps.values() if isinstance(v, str)]
    return found


def _sources(name: str, text: str) -> list[str]:
    """The addresses a manifest fetches code from."""
    if name == "package.json":
        return _npm_sources(text)
    if _REQUIREMENTS.match(name):  # every line's address: direct refs, -e, -i, -f
        lines = [line.split("#", 1)[0] for line in text.splitlines()]
        return [u for line in lines for u in re.findall(_URL, line)]
    pattern = _FIELDS.get(name)
    return pattern.findall(text) if pattern is not None else []


_R = frozenset({"-r", "--requirement", "-c", "--constraint"})


def _tool(cmd: Cmd) -> tuple[str, list[str]]:
    """The installer (``python -m pip`` and ``uv pip`` are pip) and its own words."""
    values = cmd.values()
    if cmd.name == "python":
        return ("pip", values[2:]) if values[:2] == ["-m", "pip"] else ("", values)
    if cmd.name == "uv" and values[:1] == ["pip"]:
        return "pip", values[1:]
    return cmd.name, values


def _manifests(cmd: Cmd, w: Walker) -> None:
    tool, values = _tool(cmd)
    files, verbs = _TOOLS.get(tool, ((), frozenset()))
    words = [v for v in values if not v.startswith("-")]
    verb = words[0] if words else ""
    if verb not in verbs and not (verb == "" and tool in ("yarn", "pnpm", "bun")):
        return
    named = {w.place(b).path for a, b in itertools.pairwise(values) if a in _R}
    for path, text in list(w.written.items()):
        base = posixpath.basename(path)
        if base not in files and path not in named:
            continue
        url = next((u for u in _sources(base, text) if unvetted_url([_as_url(u)])), None)
        if url is not None:
            # download_exec: the installer fetches that code and runs its build scripts
            w.flag("download_exec", f"{cmd.name} installs code from {url} ({path})")
            return


def _as_url(source: str) -> str:
    return source.removeprefix("git+")


MANIFEST_RULES: dict[str, Rule] = {name: _manifests for name in _TOOLS}
MANIFEST_RULES |= {"python": _manifests}
