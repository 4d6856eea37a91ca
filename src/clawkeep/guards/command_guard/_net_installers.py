"""Installers told to fetch code from a host nobody vouches for by a feature the generic
install rule (``_net_remote.packages``) does not read: a plugin, archive, extension or
manifest URL (``helm plugin install URL``, ``mix archive.install URL``, ``asdf plugin add
NAME URL``, ``kubectl krew install --manifest-url=URL``), a source option (``dotnet tool
install --add-source URL``, ``luarocks --server=URL``, ``conda install -c URL``), a
package run straight from a URL (``uv run URL``, ``pnpm dlx URL``), a language's own
install call (R's ``install.packages(repos=URL)``, Julia's ``Pkg.add(url=URL)``), and a
setting that points every later install there (``conda config --add channels URL``,
``bundle config mirror.… URL``, ``composer config repositories.… URL``, ``opam repo add``,
``cargo --config source.….registry=URL``). A vetted registry or forge and the owner's own
network pass (``unvetted_source``), as for ``pip install --index-url``.

Also here: a variable that names where a toolchain manager downloads its builds
(``NVM_NODEJS_ORG_MIRROR``, ``RUSTUP_DIST_SERVER``, ``PYTHON_BUILD_MIRROR_URL``,
``ELECTRON_MIRROR``), judged wherever the line sets it, and ``cargo --config`` keys (and
their ``CARGO_…`` variables) whose value is a program cargo runs (``target.….runner``,
``build.rustc-wrapper``): that program is judged as the command it is.
"""

from __future__ import annotations

import re
import shlex
import tomllib

from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import Arg

__all__ = ["INSTALLER_RULES", "installer_var"]

_URL = re.compile(r"(?:[a-z][\w.-]*\+)?[a-z][\w.-]*://[^\s,'\"|)\]}]+", re.I)

# tool -> the leading words after which every URL on its line is where code comes from
# (None: any word). Config-like words make the source stick for later installs.
_FETCH_WORDS: dict[str, frozenset[str] | None] = {
    "helm": frozenset({"plugin"}),
    "kubectl": frozenset({"krew"}),
    "kubectl-krew": None,
    "krew": None,
    "gh": frozenset({"extension", "extensions", "ext"}),
    "asdf": frozenset({"plugin", "plugin-add"}),
    "mise": frozenset({"plugins", "plugin", "p"}),
    "rtx": frozenset({"plugins", "plugin", "p"}),
    "mix": frozenset({"archive.install", "escript.install", "local.hex", "local.rebar"})
    | {"hex.repo"},
    "opam": frozenset({"pin", "install", "repository", "repo", "switch", "init"}),
    "dotnet": frozenset({"tool", "add", "restore", "new", "workload", "nuget"}),
    "nuget": None,
    "poetry": frozenset({"self", "config"}),  # config repositories.NAME URL: publishes there
    "conda": None,
    "mamba": None,
    "micromamba": None,
    "composer": frozenset({"require", "install", "update", "create-project", "global"})
    | {"config"},
    "bundle": frozenset({"config"}),
    "bundler": frozenset({"config"}),
    "luarocks": None,
    "cpanm": None,
    "cpan": None,
}
_SETTING_WORDS = frozenset({"config", "repo", "repository", "hex.repo", "nuget", "sources"})

# tool -> the word that runs a package fetched for the occasion; its target and the
# options naming what to fetch are sources, the words after the target are its own.
_RUN_WORDS: dict[str, frozenset[str]] = {
    "uv": frozenset({"run"}),
    "pnpm": frozenset({"dlx"}),
    "yarn": frozenset({"dlx"}),
    "bun": frozenset({"x"}),
    "npm": frozenset({"exec", "x"}),
}
_RUN_SOURCE_OPTIONS = frozenset({"--with", "--from", "--package", "-p", "--with-requirements"})

# Interpreters whose inline code installs packages by a call that names the source.
_INSTALL_CALL = re.compile(
    r"install\.packages|install_(?:url|git|github|gitlab|bitbucket)|remotes::|devtools::"
    r"|pak::|\bPkg\.(?:add|develop|Registry\.add)|\bPkg\.Registry"
    r"|\b(?:include|evalfile|source)\s*\(\s*download"  # Julia: run what it just fetched
)
_LANG_INSTALLERS = frozenset({"R", "Rscript", "julia"})


def _words(cmd: Cmd) -> list[str]:
    return [v for v in cmd.values() if not v.startswith("-")]


# git's scp-like address (`git@host:owner/repo.git`), which plugin managers clone.
_SCP_LIKE = re.compile(r"^[\w.-]+@([\w.-]+):(?!//)\S+")


def _first_unvetted(texts: list[str]) -> str | None:
    for text in texts:
        for found in _URL.finditer(text):
            if unvetted_source(found.group(0)):
                return found.group(0)
        scp = _SCP_LIKE.match(text)
        if scp is not None and unvetted_source(f"ssh://{scp.group(1)}/"):
            return text
    return None


def _fetches(cmd: Cmd, w: Walker) -> None:
    words = _words(cmd)
    allowed = _FETCH_WORDS[cmd.name]
    if allowed is not None and not (words and words[0] in allowed):
        return
    if words[:1] in (["run"], ["exec"], ["run-script"]):
        return  # `conda run -n env python app.py --url URL`: the URL is the program's own
    if "push" in words[:3]:
        return  # `dotnet nuget push --source URL`: a publish, judged by _net_publish
    url = _first_unvetted(cmd.values())
    if url is None:
        return
    if set(words[:3]) & _SETTING_WORDS:
        # persistence: every later install of this tool fetches its code from there
        w.flag("persistence", f"{cmd.name} points later installs at {url}")
        return
    # download_exec: the tool installs (and runs) code served by a host nobody vouches for
    w.flag("download_exec", f"{cmd.name} installs code from {url}")


def _runs_fetched(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    words = _words(cmd)
    if not words or words[0] not in _RUN_WORDS[cmd.name]:
        return
    start = values.index(words[0]) + 1
    sources: list[str] = []
    index = start
    while index < len(values):
        value = values[index]
        if value == "--":
            sources += values[index + 1 : index + 2]
            break
        name, _, attached = value.partition("=")
        if name in _RUN_SOURCE_OPTIONS:
            sources.append(attached or (values[index + 1] if index + 1 < len(values) else ""))
            index += 1 if attached else 2
            continue
        if not value.startswith("-"):
            sources.append(value)  # the script or package it runs; the rest are its own
            break
        index += 1
    url = _first_unvetted(sources)
    if url is not None:
        # download_exec: the package or script is fetched from there and run at once
        w.flag("download_exec", f"{cmd.name} {words[0]} runs code fetched from {url}")


def _language_install(cmd: Cmd, w: Walker) -> None:
    calls = [v for v in cmd.values() if _INSTALL_CALL.search(v)]
    url = _first_unvetted(calls)
    if url is not None:
        # download_exec: the package manager of the language installs code from there
        w.flag("download_exec", f"{cmd.name} installs a package from {url}")


# cargo --config KEY=VALUE: keys naming where crates come from, and keys naming a program
# cargo runs (a runner, a compiler wrapper, a linker, a credential provider).
_CARGO_SOURCE_KEY = re.compile(r"^(?:source|registries|registry)\.")
_CARGO_PROGRAM_KEY = re.compile(
    r"^(?:target\.[^=]+\.(?:runner|linker)|build\.(?:rustc|rustc-wrapper|rustdoc"
    r"|rustc-workspace-wrapper)|(?:registry|registries\.[^.=]+)\.credential-provider"
    r"|doc\.browser)$"
)


def _cargo_config(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    for index, value in enumerate(values):
        if value == "--config" and index + 1 < len(values):
            entry = values[index + 1]
        elif value.startswith("--config="):
            entry = value.split("=", 1)[1]
        else:
            continue
        key, _, raw = entry.partition("=")
        key = key.strip().strip("\"'")
        if _CARGO_SOURCE_KEY.match(key) and (url := _first_unvetted([raw])) is not None:
            # download_exec: this build fetches its crates' code from there
            w.flag("download_exec", f"cargo --config {key} fetches crates from {url}")
            return
        if _CARGO_PROGRAM_KEY.match(key):
            _cargo_program(key, raw.strip(), w)


def _cargo_program(key: str, raw: str, w: Walker) -> None:
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw  # a bare word: cargo takes it as a path or a command line
    if isinstance(value, list):
        line = " ".join(shlex.quote(str(part)) for part in value)
    else:
        line = str(value)
    w.script(line, f"the program cargo --config {key} runs")


# Variables naming where a toolchain or installer downloads its builds and binaries.
_MIRROR_VAR = re.compile(
    r"(?:^|_)(?:MIRROR|MIRROR_URL|DIST_SERVER|UPDATE_ROOT|DOWNLOAD_HOST|DOWNLOAD_BASE_URL"
    r"|BINARY_SITE|CDNURL|PKG_SERVER|HOSTED_URL|STORAGE_BASE_URL|DISTURL|CANDIDATES_API"
    r"|PKG_PATH|PACKAGESITE)$",  # OpenBSD's pkg_add and FreeBSD's pkg read their mirror here
    re.I,
)


# Variables naming a program cargo runs (the environment spelling of the keys above).
_CARGO_PROGRAM_VAR = re.compile(
    r"^(?:CARGO_TARGET_\w+_(?:RUNNER|LINKER)|(?:CARGO_BUILD_)?RUSTC(?:_WORKSPACE)?_WRAPPER"
    r"|CARGO_BUILD_RUSTC|CARGO_BUILD_RUSTDOC)$"
)


def installer_var(name: str, value: Arg, w: Walker) -> None:
    """``RUSTUP_DIST_SERVER=URL rustup …``, ``export NVM_NODEJS_ORG_MIRROR=URL``: the tool
    that reads it downloads its builds from there and runs them.
    ``CARGO_TARGET_…_RUNNER='sh -c …' cargo run``: cargo runs that command line."""
    if _CARGO_PROGRAM_VAR.match(name) and value.text.strip():
        if not value.static:
            # dynamic_command: cargo runs a program named only at run time
            w.flag("dynamic_command", f"{name} names a program known only at run time")
            return
        w.script(value.text, f"the program cargo runs from {name}")
        return
    if not _MIRROR_VAR.search(name) or not value.static:
        return
    url = _first_unvetted([value.text])
    if url is not None:
        # download_exec: a toolchain's builds, fetched from a host nobody vouches for, then run
        w.flag("download_exec", f"{name} sends downloads of builds to {url}")


INSTALLER_RULES: dict[str, Rule] = {name: _fetches for name in _FETCH_WORDS}
INSTALLER_RULES |= {name: _runs_fetched for name in _RUN_WORDS}
INSTALLER_RULES |= {name: _language_install for name in _LANG_INSTALLERS}
INSTALLER_RULES |= {"cargo": _cargo_config}
