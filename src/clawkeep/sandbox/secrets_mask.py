"""Which workspace paths a sandbox must not see: every name the file guard marks
no_access (`.env*`, `id_rsa*`, `secrets.*` ..., at any depth, in any letter case), and
every other name for the same file (a hard link made earlier). Each is masked inside by
an empty read-only file or directory bound over it, so a command can neither open it nor
copy, link or rename it (a mount point cannot be renamed or linked across).

The walk never follows a symlink (a link's target is judged by its own name), and is
bounded: a workspace too large to list is refused rather than run half-masked.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from clawkeep.decision import Deny
from clawkeep.guards.file_guard.patterns import ProtectedPatterns

__all__ = [
    "MAX_ENTRIES",
    "MAX_MASKS",
    "MAX_PINNED",
    "Masks",
    "default_secret_match",
    "find_secrets",
    "no_access_match",
    "pin_dirs",
]

MAX_ENTRIES = 500_000  # names listed per run; more is refused (sandbox.workspace_too_large)
MAX_MASKS = 4096  # masked paths per run; more is refused (sandbox.too_many_secrets)
MAX_PINNED = 256  # directories holding them (one fd each while the sandbox is built)


@dataclass(frozen=True)
class Masks:
    """Workspace-relative paths to hide: files and directories, and the bytes in use."""

    files: tuple[str, ...]
    dirs: tuple[str, ...]
    used_bytes: int  # allocated size of everything listed (the disk quota's baseline)
    names: int = 0  # entries listed (the file-count quota's baseline)
    inodes: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # rel -> (dev, ino)


def no_access_match(patterns: ProtectedPatterns) -> Callable[[str], bool]:
    """Does a workspace-relative path fall under ``patterns``' no_access level?"""
    regex = patterns.no_access
    if regex is None:
        return lambda _rel: False
    search = regex.search  # one regex search per name: the other levels are not masked
    return lambda rel: search(rel) is not None


def default_secret_match(rel: str) -> bool:
    """The built-in no_access patterns (for callers without a file-guard config)."""
    return _default_match()(rel)


@functools.cache
def _default_match() -> Callable[[str], bool]:
    return no_access_match(ProtectedPatterns.build())


def find_secrets(root: str, is_secret: Callable[[str], bool]) -> Masks | Deny:
    """List ``root`` (not following links) and pick what ``is_secret`` names, plus links."""
    files: list[str] = []
    dirs: list[str] = []
    inodes: dict[str, tuple[int, int]] = {}
    secret_inodes: set[tuple[int, int]] = set()
    linked: list[tuple[str, tuple[int, int]]] = []  # other names of multiply-linked files
    used = 0
    seen = 0
    stack: list[tuple[str, bool]] = [("", False)]  # (dir, inside a masked dir)
    while stack:
        rel_dir, hidden = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(root, rel_dir) if rel_dir else root))
        except OSError:
            continue  # unreadable or vanished: the sandbox user cannot list it either
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                return Deny(
                    "sandbox.workspace_too_large",
                    f"the workspace holds over {MAX_ENTRIES} names; exec cannot check "
                    "them for secrets; move large trees out of the workspace",
                )
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            used += st.st_blocks * 512
            if stat.S_ISLNK(st.st_mode):
                continue  # a link is masked where it points, by that name
            is_dir = stat.S_ISDIR(st.st_mode)
            if hidden or is_secret(rel):
                if not hidden:
                    (dirs if is_dir else files).append(rel)
                    inodes[rel] = (st.st_dev, st.st_ino)
                if is_dir:
                    # Listed for its size and for hard links to its files, never mounted.
                    stack.append((rel, True))
                else:
                    secret_inodes.add((st.st_dev, st.st_ino))
                continue
            if is_dir:
                stack.append((rel, False))
            elif stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
                linked.append((rel, (st.st_dev, st.st_ino)))
    for rel, inode in linked:
        if inode in secret_inodes:  # a hard link under an innocent name is the same secret
            files.append(rel)
            inodes[rel] = inode
    if len(files) + len(dirs) > MAX_MASKS:
        return Deny(
            "sandbox.too_many_secrets",
            f"over {MAX_MASKS} secret files in the workspace; move them out of it",
        )
    return Masks(tuple(sorted(files)), tuple(sorted(dirs)), used, seen, inodes)


def pin_dirs(root_fd: int, masks: Masks) -> dict[str, int] | Deny:
    """O_PATH fds of every directory between the workspace and a masked path, opened one
    component at a time without following links, after checking that each masked path is
    still the file that was listed.

    Bound over themselves inside, they make those directories mount points, so no
    command (in this sandbox or one started later) can rename a secret's directory away
    from the name it is masked under, nor swap it for a link while a sandbox is built.
    """
    fds: dict[str, int] = {}
    try:
        for rel in (*masks.files, *masks.dirs):
            parent_fd, parent = root_fd, ""
            *ancestors, name = rel.split("/")
            for part in ancestors:
                parent = f"{parent}/{part}" if parent else part
                if parent not in fds:
                    if len(fds) >= MAX_PINNED:
                        _close(fds)
                        return Deny(
                            "sandbox.too_many_secrets",
                            f"secrets spread over more than {MAX_PINNED} directories; "
                            "move them out of the workspace",
                        )
                    flags = os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW
                    fds[parent] = os.open(part, flags, dir_fd=parent_fd)
                parent_fd = fds[parent]
            st = os.stat(name, dir_fd=parent_fd, follow_symlinks=False)
            if (st.st_dev, st.st_ino) != masks.inodes.get(rel):
                _close(fds)
                return Deny(
                    "sandbox.workspace_changed",
                    f"{rel} changed while the sandbox was being built; run the command again",
                )
    except OSError as exc:
        _close(fds)
        return Deny(
            "sandbox.workspace_changed",
            f"the workspace changed while the sandbox was being built ({exc.strerror}); "
            "run the command again",
        )
    return fds


def _close(fds: dict[str, int]) -> None:
    for fd in fds.values():
        os.close(fd)
    fds.clear()
