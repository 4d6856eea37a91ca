"""Holes closed in the file guard: listing a `dir/**` no_access directory, secret file
names the defaults missed, and files git or VS Code later run as code outside the sandbox."""

from __future__ import annotations

import os
import stat

import pytest

from clawkeep.config.schema.guard_file import FileGuardConfig
from clawkeep.guards.file_guard import (
    FileOp,
    check,
    delete,
    list_dir,
    policy_from_config,
    read_bytes,
    write_bytes,
)
from clawkeep.guards.file_guard.patterns import Level, ProtectedPatterns
from clawkeep.guards.file_guard.scenario import Scenario
from clawkeep.sandbox.secrets_mask import default_secret_match
from tests.guards.file_guard.fg_support import backend, policy

__all__ = ["backend"]

NO_ACCESS = "file_guard.protected.no_access"
READ_ONLY = "file_guard.protected.read_only"


@pytest.mark.parametrize("pattern", ["private/**", "private/", "/private/", "private"])
def test_a_no_access_directory_pattern_refuses_listing_the_directory(
    backend: str, pattern: str
) -> None:
    cfg = FileGuardConfig(no_access=(pattern,))
    with Scenario.create(["private/acme-merger-plan.txt", "private/sub/x.txt", "ok.txt"]) as sc:
        pol = policy_from_config(sc.root, cfg, None, backend=backend)  # type: ignore[arg-type]
        for spelling in ("private", "private/", "./private", "private/sub"):
            listed = list_dir(pol, spelling)
            assert not isinstance(listed, list), (spelling, listed)
            assert listed.reason == NO_ACCESS
            assert check(pol, spelling, FileOp.LIST).reason == NO_ACCESS
        listed_root = list_dir(pol, ".")
        assert isinstance(listed_root, list) and "ok.txt" in listed_root


def test_a_no_access_pattern_refuses_listing_through_a_symlink(backend: str) -> None:
    cfg = FileGuardConfig(no_access=("private/**",))
    with Scenario.create(["private/plan.txt"]) as sc:
        os.symlink("private", sc.root / "alias")
        pol = policy_from_config(sc.root, cfg, None, backend=backend)  # type: ignore[arg-type]
        listed = list_dir(pol, "alias")
        assert not isinstance(listed, list)
        assert listed.reason == NO_ACCESS


def test_a_read_only_directory_pattern_still_lists(backend: str) -> None:
    cfg = FileGuardConfig(read_only=("vendor/**",))
    with Scenario.create(["vendor/lib.py"]) as sc:
        pol = policy_from_config(sc.root, cfg, None, backend=backend)  # type: ignore[arg-type]
        assert list_dir(pol, "vendor") == ["lib.py"]


SECRETS = [
    "server.pem.bak",
    "server.key.orig",
    "certs/server.key.old",
    "server.key~",
    "putty.ppk",
    "AuthKey_ABC.p8",
    "db.kdbx",
    "prod.env",
    "deploy/docker.env",
    ".my.cnf",
    ".vault-token",
    ".s3cfg",
    ".htpasswd",
    ".config/gh/hosts.yml",
    "home/u/.config/gh/hosts.yml",
    ".cargo/credentials.toml",
    ".cargo/credentials",
    ".terraform.d/credentials.tfrc.json",
    "terraform.tfstate",
    "infra/terraform.tfstate.backup",
]

ORDINARY = [
    "monkey.key.js",
    "hot.key.ts",
    "src/key.ts",
    "src/environment.ts",
    "env.py",
    "environment.yml",
    "pem.go",
    "server.key.pub",
    ".config/gh/config.yml",
    "src/gh/hosts.yml",
    "Cargo.toml",
    "main.tf",
    "docs/p8.md",
]


@pytest.mark.parametrize("rel", SECRETS)
def test_common_secret_files_are_no_access_and_masked_in_the_sandbox(
    backend: str, rel: str
) -> None:
    with Scenario.create([rel]) as sc:
        pol = policy(sc, backend)
        decision = read_bytes(pol, rel, 100)
        assert not isinstance(decision, bytes)
        assert decision.reason == NO_ACCESS
    assert default_secret_match(rel)  # the sandbox masks the file guard's no_access names


@pytest.mark.parametrize("rel", ORDINARY)
def test_ordinary_project_files_stay_readable(rel: str) -> None:
    assert ProtectedPatterns.build().level(rel) is Level.NONE
    assert not default_secret_match(rel)


@pytest.mark.parametrize(
    "rel",
    [
        ".git/config",
        ".git/config.worktree",
        ".git/hooks/pre-commit",
        ".git/hooks/post-checkout",
        "sub/.git/config",
        ".git/modules/lib/config",
        ".git/modules/lib/hooks/post-checkout",
        ".vscode/tasks.json",
        ".vscode/settings.json",
    ],
)
def test_files_run_as_code_outside_the_sandbox_are_read_only(backend: str, rel: str) -> None:
    with Scenario.create([".git/HEAD"]) as sc:
        pol = policy(sc, backend)
        decision = write_bytes(
            pol, rel, b"[core]\n\tfsmonitor = touch /tmp/x\n", create_parents=True
        )
        assert decision.reason == READ_ONLY
        assert not (sc.root / rel).exists()


def test_an_existing_hook_cannot_be_overwritten_or_deleted(backend: str) -> None:
    with Scenario.create([".git/hooks/pre-commit", ".git/config"]) as sc:
        hook = sc.root / ".git" / "hooks" / "pre-commit"
        hook.write_bytes(b"#!/bin/sh\nexit 0\n")
        os.chmod(hook, 0o755)  # noqa: S103  # a hook git runs is executable
        pol = policy(sc, backend)
        assert write_bytes(pol, ".git/hooks/pre-commit", b"#!/bin/sh\necho hi\n").reason == (
            READ_ONLY
        )
        assert delete(pol, ".git/hooks/pre-commit").reason == READ_ONLY
        assert write_bytes(pol, ".git/config", b"[core]\n\tpager = x\n").reason == READ_ONLY
        assert hook.read_bytes() == b"#!/bin/sh\nexit 0\n"
        assert stat.S_IMODE(hook.stat().st_mode) == 0o755
        assert read_bytes(pol, ".git/config", 100) == b"file .git/config\n"  # still readable


def test_the_rest_of_git_stays_writable(backend: str) -> None:
    with Scenario.create([".git/HEAD", ".git/refs/heads/main"]) as sc:
        pol = policy(sc, backend)
        assert write_bytes(pol, ".git/HEAD", b"ref: refs/heads/dev\n").allowed
        assert write_bytes(pol, ".git/refs/heads/dev", b"0" * 40 + b"\n").allowed
        assert write_bytes(pol, ".vscode/launch.json", b"{}", create_parents=True).allowed
