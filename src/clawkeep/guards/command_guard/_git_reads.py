"""git verbs that print or store files outside any repository, judged as the reads they are.

``git diff --no-index A B`` prints both files (and every file of two folders); so does a
plain ``git diff A B`` where a path lies outside the repository, or outside any
repository. ``git grep --no-index`` prints the lines of the files it searches.
``git hash-object -w FILE`` stores the file in the object store, where ``git cat-file -p``
prints it later: a copy. Their path operands are judged as ``diff``'s and ``cp``'s are
(``credential_read``). ``git hash-object FILE`` alone prints only a hash: allowed, and so
is ``git show`` / ``git cat-file`` given a path (a path outside the repository is no
object name: git prints nothing of it).
"""

from __future__ import annotations

from clawkeep.guards.command_guard._fx_trees import git_verb
from clawkeep.guards.command_guard._path_secrets import credential, holds_credentials
from clawkeep.guards.command_guard._paths import Place
from clawkeep.guards.command_guard._walk import Cmd, Walker
from clawkeep.guards.command_guard._word_types import UNKNOWN

__all__ = ["outside_reads"]

# Their options that take the next word as a value (not a path).
_VALUED = {
    "diff": frozenset({"-O", "-S", "-G", "--output", "--src-prefix", "--dst-prefix"}),
    "difftool": frozenset({"-x", "--extcmd", "-t", "--tool"}),
    "grep": frozenset({"-e", "-f", "-A", "-B", "-C", "-m", "--max-depth", "--threads"}),
    "hash-object": frozenset({"-t", "--path"}),
}


def _alias(values: list[str], verb: str, rest: list[str]) -> tuple[str, list[str]]:
    """``git -c alias.d='diff --no-index' d A B``: the verb and words the alias gives."""
    for at, value in enumerate(values[:-1]):
        if value != "-c":
            continue
        key, _, body = values[at + 1].partition("=")
        if key.lower() == f"alias.{verb}".lower() and body and not body.startswith("!"):
            words = body.split()
            return words[0], words[1:] + rest
    return verb, rest


def _operands(rest: list[str], valued: frozenset[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(rest):
        word = rest[index]
        index += 1
        if word == "--":
            return out + rest[index:]
        if word.startswith("-") and word != "-":
            index += 1 if word in valued else 0
            continue
        out.append(word)
    return out


def outside_reads(cmd: Cmd, w: Walker) -> None:
    """Judge the paths ``git diff``/``grep --no-index``/``hash-object -w`` print or store."""
    values = cmd.values()
    verb, rest, folder = git_verb(values)
    verb, rest = _alias(values, verb, rest)
    if verb not in _VALUED:
        return
    if verb == "grep" and "--no-index" not in rest:
        return  # inside a repository: only tracked files, judged by git_objects
    if verb == "hash-object" and not any(v == "-w" or v.startswith("-w") for v in rest):
        return  # a hash alone: nothing of the file is shown
    operands = _operands(rest, _VALUED[verb])
    if verb == "grep":
        operands = operands[1:] if not any(v in ("-e", "-f") for v in rest) else operands
    for path in operands:
        if not path or UNKNOWN in path or ":" in path.split("/", 1)[0]:
            continue  # a path known at run time is git_objects' business; REV:PATH too
        found = w.place(path if path.startswith(("/", "~")) else f"{folder}/{path}")
        if verb in ("diff", "difftool") and "--no-index" not in rest and _in_tree(path, found):
            continue  # a revision or a pathspec of the repository: git shows tracked files
        why = credential(found, w.ctx)
        if why is None and (
            found.kind == "home_root"
            or found.path in ("/", "/home", "/root", "/Users")
            or holds_credentials(found, w.ctx)
        ):
            why = "a folder that holds credential files"  # git diff of folders recurses
        if why is not None:
            # credential_read: git prints (or, -w, copies into its objects) the file's bytes
            w.flag("credential_read", f"git {verb} reads {found.path}: {why}")
            return


def _in_tree(path: str, found: Place) -> bool:
    """Whether a plain ``git diff`` operand stays in the working tree (a revision, a
    pathspec): git compares two paths as ``--no-index`` does only when one lies outside."""
    return found.kind in ("workspace", "workspace_root") or any(c in path for c in "*?[")
