"""Git hooks: the scripts a git action runs from the hooks folder, and installing the
workspace repository's own hook script as a hook of that repository.

A hook manager's config or hook the line writes (pre-commit, lefthook, husky) is judged
when written: once installed, the manager runs it on the owner's next git action.

A git command runs the hooks in ``-c core.hooksPath=DIR`` (or ``GIT_CONFIG_PARAMETERS``,
``GIT_CONFIG_KEY_n`` / ``GIT_CONFIG_VALUE_n``), in the folder an earlier ``git config
core.hooksPath DIR`` of the line named, else in ``.git/hooks``; a hook the line wrote
there is judged as the script it is, one it downloaded as a download run, and a
pre-commit config the line wrote as the hooks it makes pre-commit run. A copy of a file
the workspace already holds (``cp scripts/pre-commit .git/hooks/``) into the workspace
repository's own hooks folder installs the project's own hook, not a stranger's: it is
not persistence, unless the line downloaded that file or wrote it (text the line writes
is its own, hooks or not).
"""

from __future__ import annotations

import posixpath

from clawkeep.guards.command_guard._fx_gitenv import env_settings
from clawkeep.guards.command_guard._fx_precommit import CONFIG, judge_hooks, repo_config
from clawkeep.guards.command_guard._paths import Place
from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN
from clawkeep.guards.command_guard._yaml_fields import values_of

__all__ = ["HOOK_RULES", "hook_written", "line_hook", "own_hook"]

# githooks(5): every hook a git command may start.
HOOKS = frozenset(
    {"applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit"}
    | {"prepare-commit-msg", "commit-msg", "post-commit", "pre-rebase", "post-checkout"}
    | {"post-merge", "pre-push", "pre-receive", "update", "proc-receive", "post-receive"}
    | {"post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc"}
    | {"post-rewrite", "sendemail-validate", "fsmonitor-watchman", "post-index-change"}
)
# Verbs that read and never write the repository: no hook runs.
_READERS = frozenset({"config", "help", "version", "rev-parse", "log", "show", "ls-files"})
_READERS |= {"cat-file", "ls-tree", "blame", "describe", "grep", "var", "shortlog", "remote"}
_READERS |= {"check-ignore", "diff", "--version", "--help"}
_GLOBAL_VALUE = frozenset({"-c", "-C", "--git-dir", "--work-tree", "--namespace"})
_GLOBAL_VALUE |= {"--config-env", "--exec-path", "--super-prefix"}
SETTING = "git core.hooksPath"  # the walker's settings key for a hooks folder the line set


def _global(cmd: Cmd) -> tuple[str, list[str], str, str | None]:
    """The verb, the ``-c`` settings, the repository folder and the git dir given."""
    values = cmd.values()
    settings: list[str] = []
    folder, git_dir = ".", None
    index = 0
    while index < len(values) and values[index].startswith("-"):
        flag, _, given = values[index].partition("=")
        value = given if given else (values[index + 1] if index + 1 < len(values) else "")
        step = 1 if given or flag not in _GLOBAL_VALUE else 2
        if flag == "-c":
            settings.append(value)
        elif flag == "-C":
            folder = value if folder == "." else f"{folder}/{value}"
        elif flag == "--git-dir":
            git_dir = value
        index += step
    verb = values[index] if index < len(values) else ""
    return verb, settings, folder, git_dir


def _hooks_dirs(given: tuple[str, list[str], str, str | None], w: Walker) -> list[str]:
    _, settings, folder, git_dir = given
    settings = settings + env_settings(w)  # GIT_CONFIG_PARAMETERS, GIT_CONFIG_KEY_n/VALUE_n
    git_dir = git_dir or w.env.values.get("GIT_DIR")
    dirs = [(git_dir or f"{folder}/.git") + "/hooks"]
    if SETTING in w.settings:
        dirs.append(w.settings[SETTING])
    for setting in settings:
        key, _, value = setting.partition("=")
        if key.lower() == "core.hookspath" and value:
            dirs.append(value if value.startswith(("/", "~")) else f"{folder}/{value}")
    return dirs


def _git(cmd: Cmd, w: Walker) -> None:
    given = _global(cmd)  # the verb, -c settings, -C folder and git dir: read once
    verb = given[0]
    if verb == "config":
        _remember(cmd, w)
        return
    if not verb or verb in _READERS:
        return
    for folder in _hooks_dirs(given, w):
        _run_hooks(folder, w, f"git {verb}")
    repo_config(given[2], w, f"git {verb}")


def _run_hooks(folder: str, w: Walker, by: str) -> None:
    if UNKNOWN in folder:
        return
    base = w.place(folder).path.rstrip("/")
    for path, text in list(w.written.items()):
        if path.startswith(base + "/") and path[len(base) + 1 :] in HOOKS:
            w.run_written(path, text)
    for hook in sorted(HOOKS & w.downloaded) if w.downloaded else ():
        if w.fetched(f"{base}/{hook}"):
            # download_exec: the git action runs a hook this line downloaded
            w.flag("download_exec", f"{by} runs the hook {base}/{hook}, downloaded by this line")


def _remember(cmd: Cmd, w: Walker) -> None:
    """``git config core.hooksPath DIR``: later git commands of the line run DIR's hooks."""
    values = cmd.values()
    words = [v for v in values[values.index("config") + 1 :] if not v.startswith("-")]
    if words[:1] == ["set"]:
        words = words[1:]
    if len(words) == 2 and words[0].lower() == "core.hookspath" and UNKNOWN not in words[1]:
        w.settings[SETTING] = w.place(words[1]).path
        _run_hooks(words[1], w, "git config core.hooksPath")  # hooks it downloaded before


def line_hook(found: Place, w: Walker) -> str | None:
    """Why a write lands in the hooks folder this line made git's: a hook there runs on
    the owner's next git action, as one in ``.git/hooks`` does."""
    folder = w.settings.get(SETTING)
    inside = folder is not None and found.path.startswith(folder.rstrip("/") + "/")
    if inside and posixpath.basename(found.path) in HOOKS:
        return "a hook in the folder this line made git's hooks folder"
    return None


def own_hook(sources: list[str], target: Place, w: Walker, *, link: bool = False) -> bool:
    """A copy into the workspace repository's own hooks folder of files the workspace
    holds, that this line neither downloaded nor wrote, copied or linked there.
    ``link``: a symbolic link, whose relative source is read from the link's folder."""
    workspace = str(w.ctx.workspace).rstrip("/") if w.ctx.workspace else None
    hooks = f"{workspace}/.git/hooks"
    if workspace is None or not (target.path == hooks or target.path.startswith(hooks + "/")):
        return False
    if link:
        folder = hooks if target.path == hooks else posixpath.dirname(target.path)
        sources = [s if s.startswith(("/", "~")) else f"{folder}/{s}" for s in sources]
    for source in sources:
        found = w.place(source)
        if found.kind != "workspace" or UNKNOWN in source or w.fetched(source):
            return False
        if found.path == hooks or found.path.startswith(hooks + "/") or _touched(found, w):
            return False  # what this line put there is its own, as if written there directly
    return True


def _touched(found: Place, w: Walker) -> bool:
    """The line wrote, copied or linked to the path, or to a folder holding it."""
    return found.path in w.written or any(
        found.path == t or found.path.startswith(t.rstrip("/") + "/") for t in w.touched
    )


_LEFTHOOK = frozenset({"lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml"})
_LEFTHOOK |= {"lefthook-local.yml", "lefthook-local.yaml"}


def hook_written(path: str, text: str, w: Walker) -> None:
    """A hook manager's config or hook the line writes (pre-commit's config, a lefthook
    config's ``run`` commands, a husky hook) runs on the owner's next git action once the
    manager is installed, as most repositories that keep one have it: judged now."""
    name = posixpath.basename(path)
    where = f"a hook in {path}, which runs on the next git action"
    if name == CONFIG:
        judge_hooks(text, where, w)
    elif name in _LEFTHOOK:
        for line in values_of(text, "run"):
            w.script(line, where)
    elif "/.husky/" in path and name in HOOKS:
        w.script(text, where)


HOOK_RULES: dict[str, Rule] = {"git": _git}
