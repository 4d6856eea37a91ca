"""Package tools told by a setting what to run or where to fetch from: npm's
``script-shell`` (the program that runs every script) and ``node-options`` (start-up code
for every script's node), given as an option, a variable or in an ``.npmrc``; a pip or uv
config file naming an index; an editor extension installed from a file.

A setting naming a file this line wrote or downloaded runs that file; an index on a
host nobody vouches for (``unvetted_source``) is the line's own choice of code to install;
an extension package this line downloaded runs in the editor with the owner's rights.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._fx_startup import load_file, node_options
from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["PKGCONF_RULES"]

_NPMS = ("npm", "pnpm", "yarn", "bun")
_SHELL_VARS = ("npm_config_script_shell", "NPM_CONFIG_SCRIPT_SHELL")
_USERCONFIG_VARS = ("npm_config_userconfig", "NPM_CONFIG_USERCONFIG")
_NPMRC = re.compile(r"^\s*(node-options|script-shell)\s*=\s*(.*?)\s*$", re.M)
# Where an npm-like tool fetches packages from: .npmrc's (scoped) registry, yarn's server.
_REGISTRY = re.compile(r"^\s*(?:@[\w.-]+:)?(?:registry|npmRegistryServer)\s*[=:]\s*(.*?)\s*$", re.M)
_NPM_INSTALLS = frozenset({"install", "i", "ci", "add", "update", "upgrade", "up", "exec", "x"})
_NPM_INSTALLS |= {"dlx", "create", "init"}  # fetch a package and run it


def _option(values: list[str], name: str) -> list[str]:
    """The values of ``--name V`` and ``--name=V``."""
    found = [b for a, b in itertools.pairwise(values) if a == name]
    return found + [v.split("=", 1)[1] for v in values if v.startswith(name + "=")]


def _npm_setting(key: str, value: str, what: str, w: Walker) -> None:
    value = value.strip().strip("\"'")
    if key == "script-shell" and value:
        load_file(value, "sh", f"{what} (script-shell)", w)
    elif key == "node-options":
        node_options(value, f"{what} (node-options)", w)


def _npm(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    for key in ("script-shell", "node-options"):
        for value in _option(values, "--" + key):
            _npm_setting(key, value, f"{cmd.name} --{key}", w)
    if values[:2] == ["config", "set"] and len(values) >= 4:
        _npm_setting(values[2], values[3], f"{cmd.name} config set", w)  # kept in ~/.npmrc
    elif values[:2] == ["config", "set"] and len(values) == 3 and "=" in values[2]:
        key, _, value = values[2].partition("=")
        _npm_setting(key, value, f"{cmd.name} config set", w)
    for name in _SHELL_VARS:
        if shell := w.env.values.get(name):
            _npm_setting("script-shell", shell, name, w)
    userconfig = _option(values, "--userconfig")
    userconfig += [v for n in _USERCONFIG_VARS if (v := w.env.values.get(n))]
    chosen = {w.place(p).path for p in userconfig}
    installs = not values or values[0] in _NPM_INSTALLS  # a bare `yarn` installs
    for path, text in list(w.written.items()):
        if path in chosen or path.endswith(("/.npmrc", "/.yarnrc.yml", "/.yarnrc")):
            for match in _NPMRC.finditer(text):
                _npm_setting(match.group(1), match.group(2), path, w)
            urls = [u.strip("\"'") for u in _REGISTRY.findall(text)]
            url = next((u for u in urls if unvetted_source(u)), None)
            if installs and url is not None:
                # download_exec: the packages' code, install scripts and all, comes from there
                w.flag("download_exec", f"{cmd.name} installs from {url} ({path})")


_PIP_INSTALLS = frozenset({"install", "download", "wheel", "sync", "add", "lock", "compile"})
_PIP_CONFIG_NAMES = ("/pip.conf", "/pip.ini", "/uv.toml")
_URL = re.compile(r"[a-z][\w+.-]*://[^\s\"',\]]+")


def _pip(cmd: Cmd, w: Walker) -> None:
    """pip or uv installing with a config file this line wrote (``PIP_CONFIG_FILE``,
    ``UV_CONFIG_FILE``, ``--config-file``, a ``pip.conf`` or ``uv.toml``)."""
    values = cmd.values()
    if cmd.name == "python":  # python3 -m pip install …
        if values[:2] != ["-m", "pip"]:
            return
        values = values[2:]
    if not _PIP_INSTALLS & set(v for v in values[:3] if not v.startswith("-")):
        return
    named = _option(values, "--config-file")
    named += [v for n in ("PIP_CONFIG_FILE", "UV_CONFIG_FILE") if (v := w.env.values.get(n))]
    chosen = {w.place(p).path for p in named}
    for path in sorted(chosen):
        if w.fetched(path):
            # download_exec: a downloaded config picks where the packages' code comes from
            w.flag("download_exec", f"{cmd.name} installs as {path} says, a download")
    for path, text in list(w.written.items()):
        if path not in chosen and not path.endswith(_PIP_CONFIG_NAMES):
            continue
        url = next((u for u in _URL.findall(text) if unvetted_source(u)), None)
        if url is not None:
            # download_exec: the installer fetches the packages' code from that host
            w.flag("download_exec", f"{cmd.name} installs from {url} ({path})")
            return


_EDITORS = ("code", "code-insiders", "codium", "code-oss", "cursor", "windsurf")


def _extension(cmd: Cmd, w: Walker) -> None:
    """``code --install-extension FILE.vsix``: the extension runs in the editor."""
    for value in _option(cmd.values(), "--install-extension"):
        if w.fetched(value):
            # download_exec: an extension package this line downloaded runs in the editor
            w.flag("download_exec", f"{cmd.name} installs {value}, downloaded by this line")


PKGCONF_RULES: dict[str, Rule] = {name: _npm for name in _NPMS}
PKGCONF_RULES |= {name: _pip for name in ("pip", "pip3", "uv", "python")}
PKGCONF_RULES |= {name: _extension for name in _EDITORS}
