"""Path strings that try to leave the root by their text alone, and names that must pass."""

from __future__ import annotations

import pytest

from clawkeep.guards.file_guard import FileOp, check, read_bytes, write_bytes
from clawkeep.guards.file_guard.scenario import OUTSIDE_SECRET, Scenario
from tests.guards.file_guard.fg_support import backend, policy

__all__ = ["backend"]

BLOCKED = [
    # dotdot
    ("../OUTSIDE/secret.txt", "file_guard.outside_root"),
    ("a/b/../../../OUTSIDE/secret.txt", "file_guard.outside_root"),
    ("./../OUTSIDE/secret.txt", "file_guard.outside_root"),
    ("a/../..", "file_guard.outside_root"),
    # absolute
    ("/etc/passwd", "file_guard.absolute_path"),
    ("//etc/passwd", "file_guard.absolute_path"),
    ("$OUTSIDE/secret.txt", "file_guard.absolute_path"),
    ("$ROOT/../OUTSIDE/secret.txt", "file_guard.outside_root"),
    ("$ROOTX/secret.txt", "file_guard.absolute_path"),
    # separators, NUL, control and invisible characters
    ("..\\OUTSIDE\\secret.txt", "file_guard.backslash"),
    ("a\\b", "file_guard.backslash"),
    ("notes.txt\x00.png", "file_guard.nul_byte"),
    ("notes\n.txt", "file_guard.control_char"),
    ("notes\x7f.txt", "file_guard.control_char"),
    ("notes\u202e.txt", "file_guard.invisible_char"),  # right-to-left override
    ("notes\u200b.txt", "file_guard.invisible_char"),  # zero-width space
    ("notes\ud800.txt", "file_guard.bad_encoding"),  # a lone surrogate
    # encodings another tool would decode
    ("%2e%2e/OUTSIDE/secret.txt", "file_guard.encoded_traversal"),
    ("%2E%2E%2FOUTSIDE", "file_guard.encoded_traversal"),
    ("%25252e%25252e%25252fx", "file_guard.encoded_traversal"),
    ("a/%c0%ae%c0%ae/%c0%ae%c0%ae/x", "file_guard.encoded_traversal"),
    ("a/..%c0%afx", "file_guard.encoded_traversal"),
    ("\uff0e\uff0e/OUTSIDE", "file_guard.encoded_traversal"),  # fullwidth dots
    ("a/..\u2215..\u2215x", "file_guard.encoded_traversal"),  # division slash
    ("..;jsessionid=1/x", "file_guard.encoded_traversal"),
    ("%2fetc%2fpasswd", "file_guard.encoded_traversal"),
    # URLs and Windows forms
    ("file:///etc/passwd", "file_guard.url"),
    ("https://example.com/x", "file_guard.url"),
    ("D:", "file_guard.windows_drive"),
    ("d:secret.txt", "file_guard.windows_drive"),
    ("aux", "file_guard.windows_reserved"),
    ("dir/Con.txt", "file_guard.windows_reserved"),
    ("com1 .log", "file_guard.windows_reserved"),
    ("", "file_guard.empty_path"),
]

ALLOWED = [
    "notes.txt",
    "./notes.txt",
    "a/b/c.txt",
    "a/../notes.txt",
    "a//b///c.txt",
    "...",
    "..notes",
    "notes..",
    ".. spaced",
    "100%.txt",
    "report%20final.txt",  # %20 decodes to a space: no climb, fine
    "你好/мир.txt",
    "caf\u00e9.txt",
    "com0.txt",
    "auxiliary.c",
    "$ROOT/a/b.txt",
]

ALLOWED_DIRS = ["$ROOT", "$ROOT/", ".", "a/", "a/.", "a/../a", "./a//"]


@pytest.mark.parametrize(("raw", "reason"), BLOCKED)
def test_textual_escape_is_refused_for_every_op(raw: str, reason: str, backend: str) -> None:
    with Scenario.create(["a/b/"]) as sc:
        path = sc.expand(raw)
        pol = policy(sc, backend)
        for op in FileOp:
            decision = check(pol, path, op)
            assert not decision.allowed
            assert decision.reason == reason, (op, decision)
        assert not isinstance(read_bytes(pol, path, 1024), bytes)
        assert not write_bytes(pol, path, b"x", create_parents=True).allowed
        assert (sc.outside / "secret.txt").read_bytes() == OUTSIDE_SECRET
        assert sorted(p.name for p in sc.base.iterdir()) == ["OUTSIDE", "ROOT"]


@pytest.mark.parametrize("raw", ALLOWED)
def test_ordinary_names_inside_the_root_are_allowed(raw: str, backend: str) -> None:
    with Scenario.create(["a/"]) as sc:
        decision = check(policy(sc, backend), sc.expand(raw), FileOp.READ)
        assert decision.allowed, decision


@pytest.mark.parametrize("raw", ALLOWED_DIRS)
def test_directories_inside_the_root_can_be_listed(raw: str, backend: str) -> None:
    with Scenario.create(["a/"]) as sc:
        decision = check(policy(sc, backend), sc.expand(raw), FileOp.LIST)
        assert decision.allowed, decision


def test_portable_names_can_be_turned_off_for_device_names(backend: str) -> None:
    with Scenario.create() as sc:
        pol = policy(sc, backend, portable_names=False)
        assert check(pol, "aux", FileOp.WRITE).allowed
        assert write_bytes(pol, "aux", b"ok").allowed
        assert (sc.root / "aux").read_bytes() == b"ok"


def test_absolute_path_inside_root_reads_the_file(backend: str) -> None:
    with Scenario.create(["a/notes.txt"]) as sc:
        data = read_bytes(policy(sc, backend), f"{sc.root}/a/notes.txt", 1024)
        assert data == b"file a/notes.txt\n"
