"""The shared path corpus: every core line decided right, on both resolvers, for real.

A block is not only a Deny from ``check``: the real operation is run too, and the outside
directory must be byte-for-byte unchanged afterwards (nothing read through, nothing
written, nothing deleted).
"""

from __future__ import annotations

from typing import Any

import pytest

from clawkeep.decision import Deny
from clawkeep.guards.file_guard import FileOp, check, delete, list_dir, read_bytes, write_bytes
from clawkeep.guards.file_guard.scenario import Scenario
from tests.guards.file_guard.fg_support import backend, corpus_cases, policy

__all__ = ["backend"]

# Strict-tier lines the guard deliberately allows: the corpus marks them ALT-OK (taking
# the string as a literal name inside the root is safe) or expects allow.
STRICT_LITERAL_OK = {".../.../.../.../windows/win.ini"}


def _split(record: dict[str, Any]) -> tuple[list[str], str, FileOp]:
    given = record["input"]
    if isinstance(given, str):
        return [], given, FileOp.READ
    return list(given["fs"]), given["path"], FileOp(given["op"])


def _perform(sc: Scenario, backend: str, path: str, op: FileOp) -> object:
    pol = policy(sc, backend)
    if op is FileOp.READ:
        return read_bytes(pol, path, 1 << 20)
    if op is FileOp.WRITE:
        return write_bytes(pol, path, b"attacker bytes\n", create_parents=True)
    if op is FileOp.DELETE:
        return delete(pol, path)
    return list_dir(pol, path)


def _run(record: dict[str, Any], backend: str) -> None:
    fs, raw_path, op = _split(record)
    with Scenario.create(fs) as sc:
        path = sc.expand(raw_path)
        before = sc.outside_snapshot()
        decision = check(policy(sc, backend), path, op)
        expect = record["expect"]
        if isinstance(record["input"], str) and raw_path in STRICT_LITERAL_OK:
            expect = "allow"
        assert ("allow" if decision.allowed else "block") == expect, decision
        ops = [op] if fs else list(FileOp)
        for each in ops:
            result = _perform(sc, backend, path, each)
            if expect == "block" and (each is op or not fs):
                assert isinstance(result, Deny), (each, result)
            assert sc.outside_snapshot() == before, f"{each} changed the outside directory"
            assert (sc.outside / "secret.txt").exists()


@pytest.mark.parametrize("record", corpus_cases("core"))
def test_core_corpus_line_is_decided_and_outside_stays_untouched(
    record: dict[str, Any], backend: str
) -> None:
    _run(record, backend)


@pytest.mark.parametrize("record", corpus_cases("strict"))
def test_strict_corpus_line_follows_the_chosen_policy(record: dict[str, Any], backend: str) -> None:
    _run(record, backend)


def test_allowed_dangling_in_root_symlink_write_lands_inside_root(backend: str) -> None:
    with Scenario.create(["jump => $ROOT/missing/owned.txt"]) as sc:
        result = write_bytes(policy(sc, backend), "jump", b"data", create_parents=True)
        assert result.allowed, result
        assert (sc.root / "missing" / "owned.txt").read_bytes() == b"data"
        assert (sc.root / "jump").is_symlink()  # written through, the link kept
