"""The operations themselves: atomic writes, parents, sizes, odd file types, and races."""

from __future__ import annotations

import os
import stat
import threading

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import FileOp, check, delete, list_dir, read_bytes, write_bytes
from clawkeep.guards.file_guard.scenario import OUTSIDE_SECRET, Scenario
from tests.guards.file_guard.fg_support import backend, policy

__all__ = ["backend"]


def test_write_creates_and_replaces_atomically_keeping_the_mode(backend: str) -> None:
    with Scenario.create(["script.sh"]) as sc:
        os.chmod(sc.root / "script.sh", 0o700)
        pol = policy(sc, backend)
        assert write_bytes(pol, "script.sh", b"#!/bin/sh\n").allowed
        assert stat.S_IMODE(os.stat(sc.root / "script.sh").st_mode) == 0o700
        assert write_bytes(pol, "new.txt", b"hello").allowed
        assert (sc.root / "new.txt").read_bytes() == b"hello"
        assert sorted(os.listdir(sc.root)) == ["new.txt", "script.sh"]  # no temp left


def test_write_needs_parents_unless_asked_to_create_them(backend: str) -> None:
    with Scenario.create() as sc:
        pol = policy(sc, backend)
        assert write_bytes(pol, "a/b/c.txt", b"x").reason == "file_guard.not_found"
        assert write_bytes(pol, "a/b/c.txt", b"x", create_parents=True).allowed
        assert (sc.root / "a" / "b" / "c.txt").read_bytes() == b"x"


def test_create_parents_does_not_follow_a_dangling_link_out(backend: str) -> None:
    with Scenario.create(["a => ../OUTSIDE/newdir"]) as sc:
        decision = write_bytes(policy(sc, backend), "a/x.txt", b"x", create_parents=True)
        assert not decision.allowed
        assert not (sc.outside / "newdir").exists()


def test_read_is_bounded_and_refuses_directories_and_fifos(backend: str) -> None:
    with Scenario.create(["big.bin", "dir/"]) as sc:
        (sc.root / "big.bin").write_bytes(b"x" * 100)
        os.mkfifo(sc.root / "pipe")
        pol = policy(sc, backend)
        assert read_bytes(pol, "big.bin", 1000) == b"x" * 100
        assert read_bytes(pol, "big.bin", 10) == b"x" * 10  # a prefix, never more
        for path in ("dir", "pipe"):
            refused = read_bytes(pol, path, 100)  # a FIFO must not block
            assert isinstance(refused, Deny) and refused.reason == "file_guard.not_a_file"
        assert write_bytes(pol, "dir", b"x").reason == "file_guard.not_a_file"


def test_missing_file_is_allowed_by_check_and_not_found_by_the_op(backend: str) -> None:
    with Scenario.create() as sc:
        pol = policy(sc, backend)
        assert check(pol, "nope.txt", FileOp.READ).allowed
        missing = read_bytes(pol, "nope.txt", 10)
        assert isinstance(missing, Deny) and missing.reason == "file_guard.not_found"
        assert delete(pol, "nope.txt").reason == "file_guard.not_found"


def test_list_and_delete(backend: str) -> None:
    with Scenario.create(["d/a.txt", "d/b.txt", "d/sub/"]) as sc:
        pol = policy(sc, backend)
        assert list_dir(pol, "d") == ["a.txt", "b.txt", "sub"]
        assert delete(pol, "d/a.txt").allowed
        assert list_dir(pol, "d/") == ["b.txt", "sub"]
        assert delete(pol, "d/sub").reason == "file_guard.not_a_file"


def test_missing_root_is_refused() -> None:
    with Scenario.create() as sc:
        pol = policy(sc, "auto")
        os.rmdir(sc.root)
        assert check(pol, "x", FileOp.READ).reason == "file_guard.no_root"


def test_directory_swapped_for_outside_symlink_during_reads_never_leaks(backend: str) -> None:
    """A racer flips `d` between a real directory and a link to OUTSIDE while we read."""
    with Scenario.create(["real/secret.txt"]) as sc:
        (sc.root / "real" / "secret.txt").write_bytes(b"inside\n")
        pol = policy(sc, backend)
        d, real, link = sc.root / "d", sc.root / "real", sc.root / "link"
        link.symlink_to(sc.outside)
        os.rename(real, d)
        stop = threading.Event()

        def racer() -> None:
            while not stop.is_set():
                os.rename(d, real)
                os.rename(link, d)  # now d -> OUTSIDE
                os.rename(d, link)
                os.rename(real, d)

        thread = threading.Thread(target=racer)
        thread.start()
        seen: set[bytes] = set()
        try:
            for _ in range(1500):
                data = read_bytes(pol, "d/secret.txt", 1 << 16)
                if isinstance(data, bytes):
                    seen.add(data)
                write_bytes(pol, "d/secret.txt", b"inside\n")
        finally:
            stop.set()
            thread.join()
        assert OUTSIDE_SECRET not in seen
        assert seen <= {b"inside\n"}
        assert (sc.outside / "secret.txt").read_bytes() == OUTSIDE_SECRET
        assert os.listdir(sc.outside) == ["secret.txt"]


def test_no_file_descriptor_leaks_on_allow_or_deny_paths(backend: str) -> None:
    fs = ["a/f.txt", "out => ../OUTSIDE/secret.txt", "l => a/f.txt", "loop => loop", ".env"]
    with Scenario.create(fs) as sc:
        pol = policy(sc, backend)
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(20):
            for path in ("a/f.txt", "out", "l", "loop", ".env", "missing/x", "a", "../x"):
                for op in FileOp:
                    check(pol, path, op)
                read_bytes(pol, path, 100)
                list_dir(pol, path)
            write_bytes(pol, "l", b"x")
            write_bytes(pol, "out", b"x")
            write_bytes(pol, "new/dir/f", b"x", create_parents=True)
            delete(pol, "new/dir/f")
        assert len(os.listdir("/proc/self/fd")) == before
