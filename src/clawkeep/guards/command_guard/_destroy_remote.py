"""Cleanup that destroys data beyond the files of this machine: every container volume
(the databases in them) removed by a listing computed at run time (``docker volume rm
$(docker volume ls -q)``, the effect ``docker volume prune`` has), a hosted repository
deleted through the forge's API (``gh api -X DELETE repos/OWNER/REPO``, ``curl -X DELETE
https://api.github.com/repos/OWNER/REPO``), and a remote branch force-replaced by a commit
with no parent (``git push -f origin "$(git commit-tree …)":main``, a branch the line
started with ``--orphan``: the remote's history gone), and a long-lived branch (main,
master, release…) force-pushed or deleted by name, or every other remote branch deleted
by ``--mirror``/``--prune``. All are ``destructive_delete``.
"""

from __future__ import annotations

import re

from clawkeep.guards.command_guard._walk import Cmd, Rule, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["REMOTE_DESTROY_RULES"]

# A listing that picks one project's volumes (`--filter name=ws_`, `label=com.docker…`,
# `| grep ws_`); `grep -v` keeps all but some.
_SCOPED = re.compile(
    r"(?:--filter[= ]|-f\s*|-\w*f\s+)['\"]?(?:name|label)=|\|\s*grep\s+(?!-\w*v)['\"]?\w"
)


def _volumes(cmd: Cmd, w: Walker) -> None:
    words = [v for v in cmd.values() if not v.startswith("-")]
    if words[:2] not in (["volume", "rm"], ["volume", "remove"]):
        return
    if {"-a", "--all"} & set(cmd.values()):
        # destructive_delete: podman's `volume rm --all`, every volume on the machine
        w.flag("destructive_delete", f"{cmd.name} removes every volume")
        return
    listings = [w.text(node) for arg in cmd.args[1:] for node in arg.substs]
    named = [a for a in cmd.args[2:] if not a.text.startswith("-")]
    if not named or not any(a.static for a in named):
        # `docker volume ls -q | xargs docker volume rm`: the names come from the line
        listings += re.findall(r"\bvolume\s+ls\b[^;&\n)]*", w.src.decode(errors="replace"))
    for text in listings:
        if re.search(r"\bvolume\s+ls\b", text) and not _SCOPED.search(text):
            # destructive_delete: every volume of every project (their databases' data)
            w.flag("destructive_delete", f"{cmd.name} removes every volume it lists")
            return


_REPO_PATH = re.compile(r"^/?repos/[^/\s]+/[^/\s]+/?$|^/?projects/[^/\s]+/?$")


def _forge_api(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    words = [v for v in values if not v.startswith("-")]
    if words[:1] != ["api"]:
        return
    method = ""
    for index, value in enumerate(values):
        if value in ("-X", "--method") and index + 1 < len(values):
            method = values[index + 1]
        elif value.startswith(("--method=", "-X")) and len(value) > 2:
            method = value.split("=", 1)[-1].removeprefix("-X")
    if method.upper() == "DELETE" and any(_REPO_PATH.match(v) for v in words[1:]):
        # destructive_delete: the hosted repository, its issues and releases, deleted
        w.flag("destructive_delete", f"{cmd.name} api deletes a hosted repository")


# A repository's own URL on a forge's API: GitHub and Gitea `/repos/OWNER/REPO`, GitLab
# `/api/v4/projects/ID`.
_REPO_URL = re.compile(
    r"^\w+://[^/]+(?:/api/v\d+)?/(?:repos/[^/\s]+/[^/\s?#]+|projects/[^/\s?#]+)/?(?:[?#]|$)"
)


def _http_delete(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    method = ""
    for index, value in enumerate(values):
        if value in ("-X", "--request", "--method") and index + 1 < len(values):
            method = values[index + 1]
        elif value.startswith(("--request=", "--method=")):
            method = value.split("=", 1)[1]
        elif value.startswith("-X") and len(value) > 2:
            method = value[2:]
    if cmd.name in ("http", "https", "xh") and "DELETE" in values:
        method = "DELETE"  # httpie and xh take the method as a word before the URL
    if method.upper() == "DELETE" and any(_REPO_URL.match(v) for v in values):
        # destructive_delete: the hosted repository, its issues and releases, deleted
        w.flag("destructive_delete", f"{cmd.name} deletes a hosted repository")


_ROOTLESS = re.compile(r"\bcommit-tree\b(?![^;&|\n]*\s-p\s)|--orphan\b")
# Branches whose history others build on.
_LONG_LIVED = re.compile(
    r"^(?:refs/heads/)?(?:main|master|trunk|develop|development|dev|prod|production|stable"
    r"|release[\w./-]*|HEAD)$"
)


def _git_push(cmd: Cmd, w: Walker) -> None:
    values = cmd.values()
    if "push" not in values:
        return
    force = any(v in ("-f", "--force") or re.match(r"^-[a-zA-Z]*f", v) for v in values)
    force = force or any(v.startswith("+") for v in values)
    if not force:
        return  # an unforced push replaces nothing (the common case: the line is not read)
    # A commit with no parent made on this line: `git commit-tree TREE -m …` without -p,
    # or a branch started with --orphan. Forced over a remote branch, its history is gone.
    rootless = any(
        "commit-tree" in w.text(node) and not re.search(r"\s-p\s", w.text(node))
        for arg in cmd.args
        for node in arg.substs
    )
    line = w.src.decode(errors="replace")
    made = _ROOTLESS.search(line)
    computed = any(arg.substs or arg.computed for arg in cmd.args)
    if not (rootless or (made is not None and (computed or "--orphan" in made[0]))):
        return
    # Where it lands: each refspec's destination, else the branch pushed (the orphan's own
    # name when none is given). A docs branch (gh-pages) is rebuilt this way by design.
    words = [v.lstrip("+") for v in values if not v.startswith("-")]
    refspecs = words[words.index("push") + 2 :]
    orphan = re.search(r"--orphan\s+['\"]?([\w./-]+)", line)
    targets = [r.rsplit(":", 1)[-1] for r in refspecs] or [orphan[1] if orphan else ""]
    if any(not t or UNKNOWN in t or _LONG_LIVED.match(t) for t in targets):
        # destructive_delete: a long-lived branch replaced by a commit with no history
        w.flag("destructive_delete", "git push replaces a remote branch's history")


def _git_push_over(cmd: Cmd, w: Walker) -> None:
    """A long-lived branch of a remote rewritten or deleted by name: `git push --force
    origin main`, `+main`, `--force-with-lease … main`, `--delete main`, `:main`, and
    `--mirror`/`--prune` (every remote branch the clone lacks deleted). A forced push with
    no refspec (the current branch, after a rebase) and to other branches is left alone."""
    values = cmd.values()
    if "push" not in values:
        return
    at = values.index("push")
    opts = [v for v in values[at + 1 :] if v.startswith("-")]
    words = [v for v in values[at + 1 :] if not v.startswith("-")]
    if {"--mirror", "--prune"} & set(opts):
        # destructive_delete: remote branches the clone does not have are deleted
        w.flag("destructive_delete", "git push deletes the remote's other branches")
        return
    force = any(
        o in ("-f", "--force", "-d", "--delete")
        or o.startswith(("--force-", "--delete="))
        or re.match(r"^-[a-zA-Z]*[fd]", o) is not None
        for o in opts
    )
    for spec in words[1:]:  # words[0] is the remote
        dest = spec.rsplit(":", 1)[-1]
        if dest.lstrip("+") == "HEAD" and ":" not in spec:
            continue  # the current branch under its own name: which one is not known here
        if (force or spec.startswith(("+", ":"))) and _LONG_LIVED.match(dest.lstrip("+")):
            # destructive_delete: a branch others build on rewritten or deleted on the remote
            w.flag("destructive_delete", f"git push rewrites or deletes the remote's {dest}")
            return


def _git(cmd: Cmd, w: Walker) -> None:
    _git_push(cmd, w)
    _git_push_over(cmd, w)


REMOTE_DESTROY_RULES: dict[str, Rule] = {
    "docker": _volumes,
    "podman": _volumes,
    "nerdctl": _volumes,
    "gh": _forge_api,
    "glab": _forge_api,
    "git": _git,
    **{name: _http_delete for name in ("curl", "http", "https", "xh", "wget")},
}
