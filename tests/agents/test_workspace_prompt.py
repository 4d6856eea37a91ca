"""The system prompt from SOUL.md / AGENTS.md / USER.md: size-bounded, and a symlink that
points out of the workspace is not followed (its target never reaches the model)."""

from __future__ import annotations

import os
from pathlib import Path

from clawkeep.agents import system_prompt
from clawkeep.agents.workspace import MAX_IDENTITY_BYTES


def test_oversized_identity_file_is_truncated(tmp_path: Path) -> None:
    (tmp_path / "AGENTS.md").write_text("A" * (MAX_IDENTITY_BYTES * 4))
    prompt = system_prompt(tmp_path)
    assert prompt.count("A") <= MAX_IDENTITY_BYTES + 1 and "[truncated]" in prompt


def test_symlinked_soul_pointing_outside_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-credential")
    ws = tmp_path / "ws"
    ws.mkdir()
    os.symlink(secret, ws / "SOUL.md")
    (ws / "USER.md").write_text("The user likes tea.")
    prompt = system_prompt(ws)
    assert "TOPSECRET" not in prompt
    assert "likes tea" in prompt


def test_missing_workspace_gives_the_preamble_only(tmp_path: Path) -> None:
    prompt = system_prompt(tmp_path / "nope")
    assert "UNTRUSTED_CONTENT" in prompt and "SOUL.md" not in prompt
