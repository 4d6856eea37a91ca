"""Which workspace paths are masked, and the check that what is masked is what was listed
(a directory swapped for a link, or a secret swapped for another file, between the
listing and the bind is refused, never bound)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clawkeep.decision import Deny
from clawkeep.guards.file_guard.patterns import Level, ProtectedPatterns
from clawkeep.sandbox import SandboxSpec, backend_available, run_sandboxed
from clawkeep.sandbox.secrets_mask import Masks, find_secrets, pin_dirs

_PATTERNS = ProtectedPatterns.build()


def _secret(rel: str) -> bool:
    return _PATTERNS.level(rel) >= Level.NO_ACCESS


def _tree(root: Path) -> None:
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / ".ENV.production").write_text("x")
    (root / "keys").mkdir()
    (root / "keys" / "server.PEM").write_text("x")
    (root / ".aws").mkdir()
    (root / ".aws" / "credentials").write_text("x")
    os.link(root / ".aws" / "credentials", root / "notes.txt")  # a link into a masked dir
    (root / "plain.txt").write_text("x")
    os.link(root / "keys" / "server.PEM", root / "copy.txt")
    (root / "link-to-env").symlink_to("a/b/.ENV.production")


def test_secrets_at_any_depth_in_any_case_and_their_hard_links_are_found(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = find_secrets(str(tmp_path), _secret)
    assert isinstance(found, Masks)
    assert set(found.files) == {
        "a/b/.ENV.production",
        "keys/server.PEM",
        "copy.txt",
        "notes.txt",
    }
    assert found.dirs == (".aws",)  # the directory is masked whole, its files not listed
    assert "link-to-env" not in found.files  # a link is masked where it points


def test_pins_open_every_directory_holding_a_secret(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = find_secrets(str(tmp_path), _secret)
    assert isinstance(found, Masks)
    root = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        pins = pin_dirs(root, found)
        assert isinstance(pins, dict)
        assert set(pins) == {"a", "a/b", "keys"}
        for fd in pins.values():
            os.close(fd)
    finally:
        os.close(root)


def test_directory_swapped_for_a_link_after_listing_is_refused(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = find_secrets(str(tmp_path), _secret)
    assert isinstance(found, Masks)
    (tmp_path / "a").rename(tmp_path / "moved")
    (tmp_path / "a").symlink_to("moved")  # same path, now through a link
    root = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        pins = pin_dirs(root, found)
    finally:
        os.close(root)
    assert isinstance(pins, Deny) and pins.reason == "sandbox.workspace_changed"


def test_secret_swapped_for_another_file_after_listing_is_refused(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = find_secrets(str(tmp_path), _secret)
    assert isinstance(found, Masks)
    (tmp_path / "keys" / "server.PEM").rename(tmp_path / "keys" / "old")
    (tmp_path / "keys" / "server.PEM").write_text("decoy")
    root = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        pins = pin_dirs(root, found)
    finally:
        os.close(root)
    assert isinstance(pins, Deny) and pins.reason == "sandbox.workspace_changed"


def test_every_caller_gets_the_built_in_masks(tmp_path: Path) -> None:
    # A spec built without the agent's file-guard patterns (the CLI, a bench) still hides
    # the built-in no_access names.
    available = backend_available("bwrap")
    if isinstance(available, Deny):
        pytest.skip(f"SANDBOX TESTS NOT RUN: {available.reason}: {available.detail}")
    (tmp_path / ".env").write_text("ENV-SECRET-e91")
    (tmp_path / "plain.txt").write_text("plain-visible")
    spec = SandboxSpec(workspace=tmp_path, workspace_access="rw")
    result = run_sandboxed("cat * .* 2>/dev/null; cp .env /tmp/c; cat /tmp/c", spec)
    assert not isinstance(result, Deny)
    assert "plain-visible" in result.stdout
    assert "ENV-SECRET-e91" not in result.stdout
