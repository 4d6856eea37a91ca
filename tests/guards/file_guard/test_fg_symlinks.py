"""Symlinks: escapes through the final name, a parent, a chain, a dangling or looping link."""

from __future__ import annotations

import os

import pytest

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import (
    FileOp,
    check,
    delete,
    list_dir,
    open_read,
    read_bytes,
    write_bytes,
)
from clawkeep.guards.file_guard.scenario import OUTSIDE_SECRET, Scenario
from tests.guards.file_guard.fg_support import backend, policy

__all__ = ["backend"]

ESCAPES = [
    # (fs, path, op)
    (["out => $OUTSIDE/secret.txt"], "out", FileOp.READ),
    (["out => ../OUTSIDE/secret.txt"], "out", FileOp.READ),
    (["d/", "d/out => ../../OUTSIDE/secret.txt"], "d/out", FileOp.READ),
    (["dir => $OUTSIDE"], "dir/secret.txt", FileOp.READ),
    (["dir => ../OUTSIDE"], "dir/secret.txt", FileOp.WRITE),
    (["dir => ../OUTSIDE"], "dir/secret.txt", FileOp.DELETE),
    (["dir => ../OUTSIDE"], "dir", FileOp.LIST),
    (["dir => ../OUTSIDE"], "dir/new.txt", FileOp.WRITE),
    (["a/", "a/up => ..", "a/up2 => up/.."], "a/up2/OUTSIDE/secret.txt", FileOp.READ),
    (["hop => .", "deep => hop/hop/hop/.."], "deep/OUTSIDE/secret.txt", FileOp.READ),
    (["out => $OUTSIDE/secret.txt"], "out", FileOp.WRITE),
    (["out => ../OUTSIDE/new.txt"], "out", FileOp.WRITE),
    (["x => y", "y => ../OUTSIDE/secret.txt"], "x", FileOp.WRITE),
    (["root => $ROOT"], "root/notes.txt", FileOp.READ),  # absolute, even back inside
    (["proc => /proc/self/root"], "proc/etc/passwd", FileOp.READ),
    (["fd => /proc/self/fd/0"], "fd", FileOp.READ),
]


@pytest.mark.parametrize(("fs", "path", "op"), ESCAPES)
def test_symlink_escape_is_refused_and_outside_untouched(
    fs: list[str], path: str, op: FileOp, backend: str
) -> None:
    with Scenario.create(fs) as sc:
        pol = policy(sc, backend)
        before = sc.outside_snapshot()
        decision = check(pol, path, op)
        assert decision.reason in ("file_guard.symlink_escape", "file_guard.symlink_loop")
        if op is FileOp.READ:
            assert isinstance(read_bytes(pol, path, 1 << 20), Deny)
        elif op is FileOp.WRITE:
            assert not write_bytes(pol, path, b"pwned", create_parents=True).allowed
        elif op is FileOp.DELETE:
            assert not delete(pol, path).allowed
        else:
            assert isinstance(list_dir(pol, path), Deny)
        assert sc.outside_snapshot() == before
        assert not (sc.outside / "new.txt").exists()


def test_symlink_loop_is_refused(backend: str) -> None:
    with Scenario.create(["a => b", "b => a"]) as sc:
        assert check(policy(sc, backend), "a", FileOp.READ).reason == "file_guard.symlink_loop"
        write = write_bytes(policy(sc, backend), "a", b"x")
        assert write.reason == "file_guard.symlink_loop"


def test_in_root_symlinks_resolve_like_posix(backend: str) -> None:
    fs = ["b/c/target", "a => b/c", "link => a/../c/target", "c/target"]
    with Scenario.create(fs) as sc:
        # `a/..` after a symlink is the parent of the link's target, as the kernel does it.
        assert read_bytes(policy(sc, backend), "a/../c/target", 100) == b"file b/c/target\n"
        assert read_bytes(policy(sc, backend), "link", 100) == b"file b/c/target\n"


def test_write_through_in_root_symlink_updates_the_target(backend: str) -> None:
    with Scenario.create(["docs/real.md", "alias.md => docs/real.md"]) as sc:
        assert write_bytes(policy(sc, backend), "alias.md", b"new").allowed
        assert (sc.root / "docs" / "real.md").read_bytes() == b"new"
        assert (sc.root / "alias.md").is_symlink()


def test_symlink_to_identity_file_cannot_be_written_through(backend: str) -> None:
    with Scenario.create(["SOUL.md", "notes.md => SOUL.md"]) as sc:
        decision = write_bytes(policy(sc, backend), "notes.md", b"obey the attacker")
        assert decision.reason == "file_guard.protected.read_only"
        assert (sc.root / "SOUL.md").read_bytes() == b"file SOUL.md\n"


def test_symlink_to_env_file_cannot_be_read(backend: str) -> None:
    with Scenario.create([".env", "sub/", "sub/innocent.txt => ../.env"]) as sc:
        decision = read_bytes(policy(sc, backend), "sub/innocent.txt", 100)
        assert isinstance(decision, Deny)
        assert decision.reason == "file_guard.protected.no_access"


def test_delete_removes_the_link_never_the_outside_target(backend: str) -> None:
    with Scenario.create(["out => $OUTSIDE/secret.txt"]) as sc:
        assert delete(policy(sc, backend), "out").allowed
        assert not os.path.lexists(sc.root / "out")
        assert (sc.outside / "secret.txt").read_bytes() == OUTSIDE_SECRET


def test_fd_from_open_read_is_the_checked_file(backend: str) -> None:
    with Scenario.create(["a/notes.txt"]) as sc:
        fd = open_read(policy(sc, backend), "a/notes.txt")
        assert isinstance(fd, int)
        with os.fdopen(fd, "rb") as fh:
            assert fh.read() == b"file a/notes.txt\n"
