"""pre-commit: the hooks a ``.pre-commit-config.yaml`` names run on ``pre-commit run``,
on the git action it is installed for, and ``pre-commit try-repo REPO`` runs a
repository's hooks once.

A config this line wrote is judged by what it makes pre-commit run: each ``entry`` (a
``repo: local`` hook's command, or one that overrides a hook's) as a command line, and
each hook repository on a host nobody vouches for as code from a download (pre-commit
clones it and runs its hooks). A config this line downloaded is a download run.
"""

from __future__ import annotations

import itertools
import posixpath
import re

from clawkeep.guards.command_guard._net_reach import unvetted_source
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._yaml_fields import values_of

__all__ = ["CONFIG", "PRECOMMIT_RULES", "judge_hooks", "precommit_config", "repo_config"]

CONFIG = ".pre-commit-config.yaml"
# Verbs that run the config's hooks now or install them for later git actions.
_RUNS = frozenset({"run", "install", "install-hooks", "hook-impl", "try-repo"})
_CONFIG_FLAGS = frozenset({"-c", "--config"})


def precommit_config(path: str, w: Walker, by: str) -> None:
    """Judge the hooks of the config at ``path`` as ``by`` will run them."""
    if w.fetched(path):
        # download_exec: the hooks pre-commit runs come from a downloaded config
        w.flag("download_exec", f"{by} runs the hooks of {path}, downloaded by this line")
        return
    text = w.written.get(w.place(path).path)
    if text is None:
        return
    judge_hooks(text, f"a hook in {path}, written by this line and run by {by}", w)


def judge_hooks(text: str, where: str, w: Walker) -> None:
    for repo in values_of(text, "repo"):
        if unvetted_source(_as_url(repo)):
            # download_exec: pre-commit clones the repository and runs its hooks' code
            w.flag("download_exec", f"{where} comes from {repo}")
        elif "://" not in repo and repo not in ("local", "meta") and w.fetched(repo):
            w.flag("download_exec", f"{where} comes from {repo}, downloaded by this line")
    for entry in values_of(text, "entry"):
        w.script(entry, where)


def _as_url(repo: str) -> str:
    """git's scp-like address (``git@host:owner/hooks``) as the ssh URL it stands for."""
    scp = re.match(r"^([\w.-]+@)?([\w.-]+):(?!//)(.*)$", repo)
    return f"ssh://{scp.group(1) or ''}{scp.group(2)}/{scp.group(3)}" if scp else repo


def _precommit(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    words = [v for i, v in enumerate(values) if not v.startswith("-") and _value_word(values, i)]
    verb = words[0] if words else "run"
    if verb not in _RUNS:
        return
    if verb == "try-repo" and len(words) > 1:
        repo = words[1]
        if unvetted_source(_as_url(repo)) or ("://" not in repo and w.fetched(repo)):
            # download_exec: try-repo clones the repository and runs its hooks
            w.flag("download_exec", f"pre-commit try-repo runs the hooks of {repo}")
        return
    named = [b for a, b in itertools.pairwise(values) if a in _CONFIG_FLAGS]
    named += [v.split("=", 1)[1] for v in values if v.startswith("--config=")]
    precommit_config(named[-1] if named else CONFIG, w, f"pre-commit {verb}")


def _value_word(values: list[str], index: int) -> bool:
    """The word is not the value of an option (``-c FILE``, ``--hook-stage manual``)."""
    return index == 0 or not values[index - 1].startswith("-") or "=" in values[index - 1]


def repo_config(folder: str, w: Walker, by: str) -> None:
    """The config of the repository at ``folder``, run by a git action's hook."""
    path = posixpath.join(w.place(folder).path, CONFIG)
    if path in w.written or w.fetched(path):
        precommit_config(path, w, by)


PRECOMMIT_RULES: dict[str, Rule] = {"pre-commit": _precommit, "prek": _precommit}
