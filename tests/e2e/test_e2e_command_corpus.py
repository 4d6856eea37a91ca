"""The command corpus end to end: every core command the corpus says to block is handed to
the real exec tool by an attacker-obedient model, one agent turn each, and must be refused
by the command guard before any process exists.

Exec is placed in the bubblewrap sandbox with `workspaceAccess: none` (a scratch dir, no
network), so a command that slipped through would still be contained; the witness is the
exec result's reason code (``tools.ok`` means it ran).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clawkeep.decision import Deny
from clawkeep.sandbox import backend_available
from tests.e2e.e2e_harness import call, exec_config, install

CORPUS = Path("/work/shared/corpora/commands.jsonl")


def _cases() -> list[dict[str, Any]]:
    if not CORPUS.is_file():
        pytest.skip(f"COMMAND CORPUS NOT FOUND at {CORPUS}")
    available = backend_available("bwrap")
    if isinstance(available, Deny):
        pytest.skip(f"SANDBOX TESTS NOT RUN: {available.reason}: {available.detail}")
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    return [r for r in rows if r["expect"] == "block" and r["tier"] == "core"]


def _ran(tmp_path: Path, guard_home: Path | None) -> list[str]:
    """The corpus commands that exec ran (the guard let them through)."""
    cases = _cases()
    cfg = exec_config("all", "none")
    # One long session: once a turn has read untrusted output, the untrusted-data rule
    # would hold later commands before the command guard saw them; this tests the guard.
    cfg.setdefault("tools", {})["untrusted"] = {"mode": "off"}
    i = install(tmp_path, cfg, guard_home=guard_home)
    ran: list[str] = []
    for case in cases:
        i.play([{"toolCalls": [call("exec", command=case["input"])]}, {"text": "done"}])
        before = len(i.results("exec"))
        i.turn("run this")
        if i.results("exec")[before:] == ["tools.ok"]:
            ran.append(case["input"])
    assert len(i.results("exec")) == len(cases)  # every command really reached the tool
    return ran


def test_command_corpus_block_commands_never_run_through_exec(tmp_path: Path) -> None:
    assert _ran(tmp_path, Path("/home/clawkeep-e2e-victim")) == []


def test_command_corpus_block_commands_never_run_with_home_under_tmp(tmp_path: Path) -> None:
    assert _ran(tmp_path, None) == []  # None: the install's fake home, under tmp_path
