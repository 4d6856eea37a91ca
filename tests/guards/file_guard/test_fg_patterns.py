"""The merged per-level regex means what pathspec means by the same gitignore patterns."""

from __future__ import annotations

import pathspec
import pytest

from clawkeep.guards.file_guard.patterns import (
    DEFAULT_NO_ACCESS,
    DEFAULT_NO_DELETE,
    DEFAULT_READ_ONLY,
    IDENTITY_FILES,
    Level,
    ProtectedPatterns,
    _compile,
)

SAMPLES = [
    ".env",
    ".envrc",
    "app/.env.local",
    "env",
    "my.env",
    ".ssh",
    ".ssh/id_rsa",
    "a/b/.ssh/config",
    "x.ssh",
    "cert.pem",
    "a/cert.pem/inner",
    "pem",
    "server.key",
    "keys/server.keyring",
    ".config/gcloud/creds.json",
    "home/.config/gcloud/x",
    ".config/other",
    "secrets.yaml",
    "a/secrets.json",
    "secrets",
    "SOUL.md",
    "docs/SOUL.md",
    "AGENTS.md",
    "package-lock.json",
    "web/package-lock.json",
    ".git",
    ".git/config",
    "sub/.git/objects/ab",
    ".gitignore",
    ".github/workflows/ci.yml",
    "src/main.py",
    "id_rsa.pub",
    "notes/id_rsa_backup",
    ".docker/config.json",
    "home/.docker/config.json",
    ".kube/config",
    "kubeconfig",
    "prod.kubeconfig",
]

LEVELS = [
    DEFAULT_NO_ACCESS,
    DEFAULT_READ_ONLY + IDENTITY_FILES,
    DEFAULT_NO_DELETE,
    ("a/**/b", "/only-root", "*.txt", "dir/"),
]


@pytest.mark.parametrize("patterns", LEVELS)
def test_merged_regex_agrees_with_pathspec(patterns: tuple[str, ...]) -> None:
    spec = pathspec.PathSpec.from_lines("gitignore", patterns)
    merged = _compile(patterns)
    assert merged is not None
    for sample in [*SAMPLES, "a/x/y/b", "a/b", "only-root", "x/only-root", "dir/f", "dir"]:
        assert bool(merged.search(sample)) == spec.match_file(sample), sample


def test_levels_are_ordered_and_case_insensitive() -> None:
    patterns = ProtectedPatterns.build()
    assert patterns.level("app/.ENV") is Level.NO_ACCESS
    assert patterns.level("Id_RSA") is Level.NO_ACCESS
    assert patterns.level("soul.md") is Level.READ_ONLY
    assert patterns.level("docs/SOUL.md") is Level.NONE  # identity files live at the root
    assert patterns.level(".git/HEAD") is Level.NO_DELETE
    assert patterns.level(".git/config") is Level.READ_ONLY  # git runs what it names
    assert patterns.level(".git/.env") is Level.NO_ACCESS  # the strictest match wins
    assert patterns.level("src/main.py") is Level.NONE


def test_unlocking_identity_files_keeps_lockfiles_read_only() -> None:
    patterns = ProtectedPatterns.build(unlock_identity_files=True)
    assert patterns.level("SOUL.md") is Level.NONE
    assert patterns.level("poetry.lock") is Level.READ_ONLY


def test_negated_pattern_cannot_be_compiled() -> None:
    with pytest.raises(ValueError, match="negation"):
        ProtectedPatterns.build(no_access=("!.env",))
