"""Where package managers fetch from, however they are told: an index or registry in an
environment variable (``PIP_INDEX_URL=… pip install``, ``export NPM_CONFIG_REGISTRY=…``),
or a setting that redirects every later install (``npm config set registry …``, ``pip
config set global.index-url …``, ``gem sources --add …``). A host nobody vouches for
(see ``unvetted_source``) there is the line's own choice of code to run.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker

__all__ = ["SOURCE_RULES"]

# Variables that name the index or registry an installer fetches from.
_SOURCE_VARS = (
    "PIP_INDEX_URL",
    "PIP_EXTRA_INDEX_URL",
    "PIP_FIND_LINKS",
    "UV_INDEX_URL",
    "UV_EXTRA_INDEX_URL",
    "UV_DEFAULT_INDEX",
    "UV_INDEX",
    "NPM_CONFIG_REGISTRY",
    "npm_config_registry",
    "YARN_NPM_REGISTRY_SERVER",
    "YARN_REGISTRY",
    "PNPM_REGISTRY",
    "BUN_CONFIG_REGISTRY",
    "POETRY_REPOSITORIES_SOURCE_URL",
    "CARGO_REGISTRIES_CRATES_IO_PROTOCOL",
    "GOPROXY",
)
_INSTALLS = frozenset({"install", "add", "i", "sync", "download", "update", "upgrade", "ci"})
_INSTALLS |= {"get"}  # go get
# Setting keys that redirect every later install.
_SOURCE_KEY = re.compile(
    r"(^|[.:@/])(registry|index-url|extra-index-url|find-links|npmRegistryServer|index|source"
    r"|default-index|goproxy)$",
    re.I,
)
_URL = re.compile(r"[a-z][\w+.-]*://[^\s,|]+")  # GOPROXY lists URLs with , and |


def _from_environment(cmd: Cmd, w: Walker) -> None:
    verbs = [v for v in cmd.values() if not v.startswith("-")]
    if not set(verbs[:2]) & _INSTALLS:
        return
    for name in _SOURCE_VARS:
        value = w.env.values.get(name)
        if not value:
            continue  # not set on this line (or empty): no URL in it
        urls = [u for u in _URL.finditer(value) if unvetted_source(u.group(0))]
        url = urls[0] if urls else None
        if url is not None:
            # download_exec: the installer fetches the packages' code from that host
            w.flag("download_exec", f"{cmd.name} installs from {url.group(0)} ({name})")
            return


def _redirecting_setting(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    sets = "set" in values or (cmd.name == "gem" and {"--add", "-a"} & set(values))
    sets = sets or (cmd.name == "go" and values[:2] == ["env", "-w"])  # go env -w GOPROXY=
    if not sets:
        return
    keys = [v.split("=", 1)[0] for v in values]
    if cmd.name != "gem" and not any(_SOURCE_KEY.search(k) for k in keys):
        return
    for value in values:
        url = _URL.search(value)
        if url is not None and unvetted_source(url.group(0)):
            # persistence: every later install of this tool fetches its code from there
            w.flag("persistence", f"{cmd.name} points later installs at {url.group(0)}")
            return


def _sources(cmd: Cmd, w: Walker) -> None:
    _from_environment(cmd, w)
    _redirecting_setting(cmd, w)


SOURCE_RULES: dict[str, Rule] = {
    name: _sources
    for name in ("pip", "pip3", "uv", "npm", "pnpm", "yarn", "bun", "poetry", "gem", "cargo", "go")
}
