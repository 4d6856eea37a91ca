"""From a checked path to an opened thing: the verdict on what the kernel actually opened.

Reads and listings open the whole path beneath the root in one step. Writes and deletes
open the parent directory beneath the root and act on the final name through that fd
(never following it); a write through a final symlink follows it by hand, re-checking
where it points. Protected patterns match the real path of what was opened (and the
requested path too: either match protects).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import _lexical
from clawkeep.guards.file_guard._resolve import Root, deny_for, open_resolved
from clawkeep.guards.file_guard.patterns import Level
from clawkeep.guards.file_guard.policy import REFUSED_FROM, FileOp, FilePolicy

__all__ = ["Missing", "NameTarget", "locate_name", "parse", "protection", "regular_only"]

_MAX_HOPS = 40
_LEVEL_CODES = {
    Level.NO_ACCESS: ("file_guard.protected.no_access", "no_access"),
    Level.READ_ONLY: ("file_guard.protected.read_only", "read_only"),
    Level.NO_DELETE: ("file_guard.protected.no_delete", "no_delete"),
}


def parse(policy: FilePolicy, path: str) -> _lexical.RelPath | Deny:
    """The text checks, with both spellings of the root for absolute paths."""
    if not isinstance(path, str):
        return Deny("file_guard.bad_type", "a path must be a string")
    return _lexical.parse(path, policy.root_spellings, portable=policy.portable_names)


def _under(path: str, base: str) -> bool:
    return path == base or path.startswith(base + "/")


def protection(
    policy: FilePolicy, op: FileOp, real: str | None, names: tuple[str, ...]
) -> Deny | None:
    """Refusal for ``op`` on the opened path (``real``, root-relative) or requested ``names``."""
    rels = (*names, real) if real is not None and real not in names else names
    if op is FileOp.LIST:
        # Listing shows a directory's contents: `dir/**` and `dir/` patterns, which match
        # only what lies under the directory, must refuse listing the directory itself.
        rels = (*rels, *(f"{rel}/" for rel in rels if rel and rel != "."))
    if policy.guard_all or any(
        _under(rel, guarded) for rel in rels for guarded in policy.guarded_rel
    ):
        return Deny("file_guard.protected.state_dir", "the gateway's state and config")
    level = max((policy.patterns.level(rel) for rel in rels), default=Level.NONE)
    if level >= REFUSED_FROM[op]:
        reason, word = _LEVEL_CODES[level]
        return Deny(reason, f"{op} is refused on a {word} path")
    return None


def regular_only(st: os.stat_result) -> Deny | None:
    """Refusal unless ``st`` is a regular file with one name."""
    if not stat.S_ISREG(st.st_mode):
        return Deny("file_guard.not_a_file", "not a regular file")
    if st.st_nlink > 1:
        # A hard link can be a second name of a file outside the root: no path check sees it.
        return Deny("file_guard.hardlink", "the file has more than one hard link")
    return None


@dataclass(frozen=True, slots=True)
class Missing:
    """The parent directory does not exist (yet); nothing on the way left the root."""

    parent: str
    name: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameTarget:
    """A final name in an open parent directory (the caller closes ``parent_fd``)."""

    parent_fd: int
    name: str
    st: os.stat_result | None  # None: the name does not exist
    real: str  # relative to the root
    names: tuple[str, ...]


def _link_target(
    policy: FilePolicy, root: Root, parent_fd: int, parent_real: str, name: str
) -> _lexical.RelPath | Deny:
    """Where the symlink ``name`` points, as a root-relative path, or why it escapes."""
    link = os.readlink(name, dir_fd=parent_fd)
    if link.startswith("/"):
        spellings = (*policy.root_spellings, root.real())
        inside = [link[len(s) :].lstrip("/") or "." for s in spellings if _under(link, s)]
        if not inside:
            return Deny("file_guard.symlink_escape", "the symlink points outside the root")
        text = inside[0]
    else:
        text = f"{parent_real}/{link}"
    target = _lexical.parse(text, (), portable=False)
    if isinstance(target, Deny) and target.reason in (
        "file_guard.outside_root",
        "file_guard.absolute_path",
    ):
        return Deny("file_guard.symlink_escape", "the symlink climbs out of the root")
    return target


def locate_name(
    policy: FilePolicy,
    root: Root,
    rel: _lexical.RelPath,
    *,
    follow: bool,
    dir_flags: int,
) -> NameTarget | Missing | Deny:
    """Open the parent of ``rel`` beneath the root; follow a final symlink if ``follow``."""
    names: tuple[str, ...] = (rel.clean,)
    for _ in range(_MAX_HOPS):
        if rel.is_dir:
            return Deny("file_guard.not_a_file", "the path names a directory")
        parent, name = rel.parent_and_name
        clean_parent = rel.clean.rpartition("/")[0] or "."
        try:
            parent_fd, parent_real = open_resolved(
                root, parent, clean_parent, dir_flags | os.O_DIRECTORY
            )
        except OSError as err:
            if err.errno == errno.ENOENT:
                return Missing(parent, name, names)
            return deny_for(err)
        try:
            st: os.stat_result | None = os.stat(name, dir_fd=parent_fd, follow_symlinks=False)
        except FileNotFoundError:
            st = None
        except OSError as err:
            os.close(parent_fd)
            return deny_for(err)
        if follow and st is not None and stat.S_ISLNK(st.st_mode):
            try:
                target = _link_target(policy, root, parent_fd, parent_real, name)
            finally:
                os.close(parent_fd)
            if isinstance(target, Deny):
                return target
            rel, names = target, (*names, target.clean)
            continue
        real = name if parent_real == "." else f"{parent_real}/{name}"
        return NameTarget(parent_fd, name, st, real, names)
    return Deny("file_guard.symlink_loop", "too many symlinks")
