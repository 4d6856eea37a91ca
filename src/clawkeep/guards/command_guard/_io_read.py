"""Which arguments read credentials or hunt for them: key files by place, whole-tree
searches of home and system roots, raw reads of disks and memory; and words obfuscated
anywhere on the line.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from clawkeep.guards.command_guard._cmd import Cmd
from clawkeep.guards.command_guard._io_args import operands_of, short_flags
from clawkeep.guards.command_guard._io_tables import (
    BULK_READERS,
    DISK,
    LOCATORS,
    MEMORY_DUMPERS,
    NO_READ,
    PRINTERS,
    RAW_READERS,
    SEARCHERS,
    SECRET_TREES,
)
from clawkeep.guards.command_guard._model import CommandContext
from clawkeep.guards.command_guard._path_secrets import (
    credential,
    credential_name,
    glob_credential,
    holds_credentials,
)
from clawkeep.guards.command_guard._path_tables import LISTS, SYSTEM_TREES
from clawkeep.guards.command_guard._paths import place
from clawkeep.guards.command_guard._walk import Walker
from clawkeep.guards.command_guard._word_facts import POOL, SHELL, word_bits
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg

__all__ = ["judge_args", "tree_hunt"]


# a container's or another host's path: api:/etc/shadow, ns/pod-0:/etc/…, user@h:~/…
_REMOTE_PATH = re.compile(r"^(?![/~.])[\w.@/-]*\w:(?!//)(/.*|~.*)$")  # not a URL


def _candidates(text: str) -> list[str]:
    out = [text]
    if "=" in text:
        out.append(text.split("=", 1)[1])
    if text.startswith("@"):
        out.append(text[1:])
    match = _REMOTE_PATH.match(text) if ":" in text else None
    if match:
        out.append(match.group(1).split(",")[0])
    return out


# Searchers' options that take a value, as letters (`-e PAT`, `-ie PAT`, `-ePAT`) and words.
_SEARCH_VALUE_LETTERS = frozenset("efmABCgtTMjdD")
_SEARCH_VALUE_WORDS = frozenset(
    {"--regexp", "--file", "--max-count", "--context", "--after-context", "--before-context"}
    | {"--glob", "--iglob", "--type", "--type-not", "--include", "--exclude", "--exclude-dir"}
    | {"--max-depth", "--threads", "--label", "--devices", "--directories", "--binary-files"}
)


def _search_operands(values: list[str]) -> tuple[bool, list[str]]:
    """A searcher's operands, and whether the pattern came from an option (then every
    operand is a path): ``grep -rnw / -ie PASSWORD`` searches ``/`` for ``PASSWORD``."""
    explicit = False
    out: list[str] = []
    index = 0
    while index < len(values):
        text = values[index]
        index += 1
        if text == "--":
            out += values[index:]
            break
        if text.startswith("--"):
            word = text.split("=", 1)[0]
            explicit |= word in ("--regexp", "--file")
            if word in _SEARCH_VALUE_WORDS and "=" not in text:
                index += 1
        elif text.startswith("-") and text != "-":
            for position, letter in enumerate(text[1:], start=1):
                if letter in _SEARCH_VALUE_LETTERS:
                    explicit |= letter in "ef"
                    if position == len(text) - 1:
                        index += 1  # -ie PATTERN: the next word is the value
                    break  # -ePATTERN: the rest of this word is the value
        else:
            out.append(text)
    return explicit, out


_HELP = frozenset({"-h", "--help", "-V", "--version"})
_RECURSE = frozenset({"--recursive", "--dereference-recursive", "--directories=recurse"})
_BEYOND = frozenset({"root", "outside", "home", "home_root", "state"})
# A search pattern that names a secret: what a hunt for credentials greps for.
_SECRET_WORDS = re.compile(
    r"(?<![a-z])(?:passw(?:or)?ds?|pwd|pass|secrets?|tokens?|api[\W_]?keys?|access[\W_]?keys?"
    r"|private[\W_]?keys?|credentials?|creds|bearer|client[\W_]?secrets?)(?![a-z])"
    r"|BEGIN\b.*PRIVATE"
    # the shapes of issued keys: AWS key ids, GitHub, Slack, Stripe, Google, GitLab, npm
    r"|(?-i:\b(?:AKIA|ASIA)|gh(?:[pousr]|\[[pousr]+\])_|github_pat_|xox[abposr]-|[sr]k_live_|AIza|glpat-|npm_)",
    re.I,
)


def _secret_pattern(values: list[str], explicit: bool, operands: list[str]) -> bool:
    """Whether the pattern a searcher looks for names a secret (``-e`` values or the first
    operand)."""
    if not explicit:
        return bool(operands) and bool(_SECRET_WORDS.search(operands[0]))
    given = [b for a, b in itertools.pairwise(values) if a in ("-e", "--regexp")]
    given += [v[2:] for v in values if v.startswith("-e") and len(v) > 2]
    given += [v.split("=", 1)[1] for v in values if v.startswith("--regexp=")]
    return any(_SECRET_WORDS.search(p) for p in given)


def tree_hunt(name: str, values: list[str], root: str, w: Walker) -> None:
    """``find ROOT -exec grep PATTERN {} +``: the searcher reads every file under ROOT, as
    ``grep -r PATTERN ROOT`` does; a pattern naming a secret there is a hunt for them."""
    if name not in SEARCHERS:
        return
    explicit, operands = _search_operands([v for v in values if "{}" not in v])
    found = w.place(root)
    beyond = found.kind in _BEYOND and not SYSTEM_TREES.search(found.path + "/")
    if beyond and _secret_pattern(values, explicit, operands):
        # credential_read: every file under a tree beyond the workspace searched for secrets
        w.flag("credential_read", f"find -exec {name} hunts for secrets in {found.path}")


def _hunts(cmd: Cmd, w: Walker) -> None:
    """Whole-tree searches of home or system roots, and raw reads of disks and memory."""
    name = cmd.name
    if (
        name not in SEARCHERS
        and name not in MEMORY_DUMPERS
        and name not in LOCATORS
        and name not in RAW_READERS
    ):
        return  # none of the searchers, dumpers, locators or raw readers below
    values = cmd.values()
    if cmd.name in SEARCHERS:
        recursive = cmd.name in ("rg", "ag", "ack") or "r" in short_flags(values).lower()
        recursive |= bool(_RECURSE & set(values)) or "recurse" in values  # -d recurse
        explicit, operands = _search_operands(values)
        for text in operands if explicit else operands[1:]:
            found = w.place(text)
            if recursive and (
                found.kind == "home_root"
                or found.path in SECRET_TREES
                or holds_credentials(found, w.ctx)  # ~/.config holds gcloud's and gh's tokens
            ):
                w.flag("credential_read", f"{cmd.name} searches all of {found.path} for secrets")
                return
            beyond = found.kind in _BEYOND and not SYSTEM_TREES.search(found.path + "/")
            if (
                beyond
                and (recursive or found.contents)
                and _secret_pattern(values, explicit, operands)
            ):
                # credential_read: a search for secrets' names in a tree beyond the workspace
                w.flag("credential_read", f"{cmd.name} hunts for secrets in {found.path}")
                return
    if cmd.name in MEMORY_DUMPERS and not set(values) & _HELP:
        # credential_read: a process's memory holds the secrets it has loaded
        w.flag("credential_read", f"{cmd.name} copies a running process's memory")
        return
    scopes = [b for a, b in itertools.pairwise(values) if a == "-onlyin"]
    if (
        cmd.name == "mdfind"
        and scopes
        and all(w.place(s).kind in ("workspace", "workspace_root") for s in scopes)
    ):
        return  # mdfind -onlyin the workspace: a search of the agent's own files
    if cmd.name in LOCATORS:
        # mdfind's query names the file inside an expression: kMDItemFSName == "id_rsa"
        names = [n for v in values if not v.startswith("-") for n in re.split(r"[\s\"'=*()]+", v)]
        for text in (v for v in names if v):
            why = credential_name(text.rsplit("/", 1)[-1], outside=True)
            if why is not None:
                w.flag("credential_read", f"{cmd.name} {text}: {why}")
                return
    if cmd.name in RAW_READERS:
        for value in values:
            path = value[3:] if value.startswith("if=") else value
            if DISK.match(w.place(path).path) and not value.startswith("of="):
                w.flag("credential_read", f"{cmd.name} reads the raw device {path}")
                return


def judge_args(cmd: Cmd, w: Walker) -> None:
    """Arguments naming credential files, and obfuscated words anywhere."""
    for arg in cmd.args:
        if not arg.tricks:
            continue
        if cmd.name in PRINTERS:
            # printed text is judged where it is run (| sh, $(…), > file; sh file), not here
            arg = Arg(
                arg.text,
                tuple(t for t in arg.tricks if not t.startswith("\\x")),
                arg.glob,
                arg.substs,
            )
        w.tricks(arg, "argument")
    bits = word_bits(cmd)  # per word, once: reverse-shell code, a pool's address
    if bits & SHELL:  # an argument with a socket and a shell in its code
        w.flag("reverse_shell", f"an argument of {cmd.name} holds reverse-shell code")
    if cmd.name not in PRINTERS and bits & POOL:
        # raw_socket: a mining pool's protocol, whatever program speaks it (xmrig -o …)
        w.flag("raw_socket", f"{cmd.name} connects to a mining pool (stratum)")
    if cmd.name in NO_READ or cmd.name in LISTS:
        return
    if cmd.name in _HUNTERS:  # `_hunts`' own first test
        _hunts(cmd, w)
    if cmd.name in BULK_READERS:
        for text in operands_of(cmd.values()):
            found = w.place(text)
            if (
                found.kind == "home_root"
                or found.path in ("/", "/home", "/root", "/Users")
                or holds_credentials(found, w.ctx)
            ):
                w.flag("credential_read", f"{cmd.name} copies all of {found.path}, keys included")
                return
    key_use = _key_operands(cmd, w) if cmd.name in _SSH_CLIENTS else None
    for position, arg in enumerate(cmd.args):
        if key_use and position in key_use:
            continue  # ssh -i ~/.ssh/key: ssh signs with the key; its bytes go nowhere
        text = arg.text
        static = UNKNOWN not in text
        if arg.glob and static and (why := glob_credential(text, w.ctx)) is not None:
            w.flag("credential_read", f"{cmd.name} {text}: {why}")
            return
        if not static:
            why = _runtime_credential(text, w) if not text.startswith("-") else None
            if why is not None:
                # credential_read: the part known only at run time picks a file in there
                w.flag("credential_read", f"{cmd.name} {why}")
                return
            continue
        if text.startswith("-") and "=" not in text:
            continue
        touched = _touches(text, w.ctx, w.cwd)
        if touched is not None:
            w.flag("credential_read", f"{cmd.name} touches {touched[0]}: {touched[1]}")
            return


@lru_cache(maxsize=16384)  # pure in its arguments; a line names the same words again and again
def _touches(text: str, ctx: CommandContext, cwd: str | None) -> tuple[str, str] | None:
    """The credential file an argument names, and why: (path, why) or None."""
    for candidate in _candidates(text):
        # a bare name is a path only after a cd: `cd ~/.aws && cat credentials`
        if not (candidate.startswith(("/", "~", ".")) or "/" in candidate or cwd is not None):
            continue
        found = place(candidate, ctx, cwd)
        why = credential(found, ctx)
        if why is not None:
            return found.path, why
    return None


def _runtime_credential(text: str, w: Walker) -> str | None:
    """A path with a part known only at run time, in a credential location:
    ``~/.ssh/$K``, ``$HOME/.aws/$(ls ~/.aws)``, ``/proc/$(pgrep node)/environ``."""
    if re.match(r"^-{0,2}[\w-]+=[/~]", text):
        text = text.split("=", 1)[1]  # dd if=/proc/$(pgrep sshd)/mem, --file=~/.ssh/$K
    pattern = text.replace(UNKNOWN, "*")
    if pattern.startswith(("/", "~/")) and (why := glob_credential(pattern, w.ctx)) is not None:
        return f"reads {pattern}: {why}"
    prefix = text.split(UNKNOWN, 1)[0]
    if text.endswith(".pub"):
        return None
    tail = text.rsplit(UNKNOWN, 1)[1]
    if tail.startswith("/") and (why := credential(w.place(text), w.ctx)) is not None:
        # `cat "$D/.ssh/id_rsa"`, `cat ~-/.aws/credentials`: whatever folder the run-time
        # part names, the file is a key by the name the line spells after it
        return f"reads {pattern}: {why}"
    if "/" not in prefix:
        return None
    folder = w.place(prefix.rsplit("/", 1)[0] or "/")
    if folder.kind != "unknown" and (why := credential(folder, w.ctx)) is not None:
        return f"reads a file of {folder.path} named at run time: {why}"
    return None


_SSH_CLIENTS = frozenset({"ssh", "scp", "sftp", "ssh-add", "ssh-copy-id"})
_HUNTERS = SEARCHERS | MEMORY_DUMPERS | LOCATORS | RAW_READERS  # the programs `_hunts` judges


def _key_operands(cmd: Cmd, w: Walker) -> set[int]:
    """Positions of the arguments naming an SSH key the client only signs with.

    ``ssh/scp/sftp -i KEY`` (``-iKEY``, ``-o IdentityFile=KEY``) and ``ssh-add KEY``: the
    key file must lie in ~/.ssh; any other path is judged as a read.
    """
    if cmd.name not in _SSH_CLIENTS:
        return set()
    home = str(w.ctx.home).rstrip("/") + "/.ssh/" if w.ctx.home else None
    found: set[int] = set()
    args = cmd.args
    for index, arg in enumerate(args):
        text = arg.text
        if cmd.name == "ssh-add":
            path = text if not text.startswith("-") else None
            spot = index
        elif text in ("-i", "-o") and index + 1 < len(args):
            path, spot = args[index + 1].text, index + 1
            if text == "-o":
                match = re.match(r"(?i)^IdentityFile[= ]\s*(.+)$", path)
                path = match.group(1) if match else None
        elif text.startswith("-i") and len(text) > 2:
            path, spot = text[2:], index
        else:
            continue
        if path is None or home is None:
            continue
        # ssh -i ~/.ssh/$KEY: a key of ~/.ssh chosen at run time is still only signed with
        key = w.place(path.replace(UNKNOWN, "k")).path
        if key.startswith(home) and "/" not in key[len(home) :]:
            found.add(spot)
    return found


# git verbs that print or copy a file's bytes from the repository's objects or index.
_GIT_READERS = frozenset({"show", "cat-file", "archive", "grep", "blame", "diff", "log"})
_GIT_READERS |= {"checkout", "restore", "cat", "annotate", "format-patch", "bundle", "add"}


def git_objects(cmd: Cmd, w: Walker) -> None:
    """``git [-C DIR] show REV:PATH`` and its kin print a file as the repository holds it:
    judge DIR/PATH as the file read (``git -C ~ show HEAD:.ssh/id_rsa`` reads the key
    from a repository of the home folder, without opening ~/.ssh/id_rsa itself)."""
    values = cmd.values()
    repo = "."
    # GIT_DIR / GIT_WORK_TREE set on the line name the repository as -C would
    for name in ("GIT_DIR", "GIT_WORK_TREE"):
        given = w.env.values.get(name)
        if given:
            repo = given.rstrip("/").removesuffix(".git") or "/" if name == "GIT_DIR" else given
    index = 0
    while index < len(values) and values[index].startswith("-"):
        option, _, given = values[index].partition("=")
        if option in ("-C", "--work-tree", "--git-dir") and not given and index + 1 < len(values):
            given, index = values[index + 1], index + 1
        if option in ("-C", "--work-tree"):
            repo = given if given.startswith(("/", "~")) else f"{repo}/{given}"
        elif option == "--git-dir":
            repo = given.rstrip("/").removesuffix(".git") or "/"
        elif option == "-c" and index + 1 < len(values):
            index += 1
        index += 1
    rest = values[index:]
    if not rest or rest[0] not in _GIT_READERS:
        return
    after_dashes = False
    for value in rest[1:]:
        if value == "--":
            after_dashes = True
            continue
        if value.startswith("-") and not after_dashes:
            continue
        if ":" in value and not after_dashes:
            path = value.split(":", 1)[1]  # REV:PATH, :PATH (the index), :N:PATH
            path = path.split(":", 1)[1] if path[:1].isdigit() and ":" in path else path
        elif repo != "." or after_dashes:
            path = value  # a pathspec, read from the repository at DIR
        else:
            continue
        if not path or UNKNOWN in path:
            continue
        found = w.place(f"{repo}/{path.removeprefix('./')}")
        why = credential(found, w.ctx)
        if why is not None:
            # credential_read: the repository hands over the bytes the path names
            w.flag("credential_read", f"git {rest[0]} reads {found.path}: {why}")
            return
