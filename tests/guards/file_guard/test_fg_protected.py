"""Protected levels (no_access, read_only, no_delete), hard links, and the state directory."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from clawkeep.config.schema.guard_file import FileGuardConfig
from clawkeep.decision import Deny
from clawkeep.guards.file_guard import (
    FileOp,
    FilePolicy,
    check,
    delete,
    list_dir,
    policy_from_config,
    read_bytes,
    write_bytes,
)
from clawkeep.guards.file_guard.scenario import OUTSIDE_SECRET, Scenario
from tests.guards.file_guard.fg_support import backend, policy

__all__ = ["backend"]

NO_ACCESS = [
    ".env",
    ".env.production",
    "app/.ENV.local",
    ".ssh/id_ed25519",
    "home/.ssh/authorized_keys",
    "certs/server.pem",
    "tls/private.KEY",
    ".aws/credentials",
    ".config/gcloud/application_default_credentials.json",
    ".kube/config",
    "ops/secrets.yaml",
    ".openclaw/openclaw.json",
    "id_rsa",
    ".netrc",
]


@pytest.mark.parametrize("name", NO_ACCESS)
def test_credential_file_cannot_be_read_written_or_deleted(name: str, backend: str) -> None:
    with Scenario.create([name]) as sc:
        pol = policy(sc, backend)
        original = (sc.root / name).read_bytes()
        for op in FileOp:
            if op is FileOp.LIST:
                continue
            assert check(pol, name, op).reason == "file_guard.protected.no_access", op
        assert isinstance(read_bytes(pol, name, 1 << 20), Deny)
        assert not write_bytes(pol, name, b"x").allowed
        assert not delete(pol, name).allowed
        assert (sc.root / name).read_bytes() == original


def test_credential_directory_cannot_be_listed(backend: str) -> None:
    with Scenario.create([".ssh/id_rsa"]) as sc:
        listing = list_dir(policy(sc, backend), ".ssh")
        assert isinstance(listing, Deny)
        assert listing.reason == "file_guard.protected.no_access"


def test_missing_credential_file_cannot_be_created(backend: str) -> None:
    with Scenario.create() as sc:
        decision = write_bytes(
            policy(sc, backend), ".ssh/authorized_keys", b"k", create_parents=True
        )
        assert decision.reason == "file_guard.protected.no_access"
        assert not (sc.root / ".ssh").exists()


@pytest.mark.parametrize("name", ["SOUL.md", "AGENTS.md", "USER.md", "package-lock.json"])
def test_read_only_file_is_readable_but_not_writable(name: str, backend: str) -> None:
    with Scenario.create([name]) as sc:
        pol = policy(sc, backend)
        assert read_bytes(pol, name, 100) == f"file {name}\n".encode()
        assert write_bytes(pol, name, b"x").reason == "file_guard.protected.read_only"
        assert delete(pol, name).reason == "file_guard.protected.read_only"
        assert (sc.root / name).read_bytes() == f"file {name}\n".encode()


def test_identity_files_unlocked_by_config_can_be_written(backend: str) -> None:
    with Scenario.create(["SOUL.md"]) as sc:
        cfg = FileGuardConfig.model_validate({"unlockIdentityFiles": True})
        pol = policy_from_config(sc.root, cfg, None, backend=backend)  # type: ignore[arg-type]
        assert pol.unlock_identity_files
        assert write_bytes(pol, "SOUL.md", b"new soul").allowed
        assert (sc.root / "SOUL.md").read_bytes() == b"new soul"


def test_git_directory_is_writable_but_not_deletable(backend: str) -> None:
    """.git stays writable for the agent's own commits; its config and hooks, which git
    runs as code, are read_only (tests/guards/file_guard/test_redteam_file_guard.py)."""
    with Scenario.create([".git/config", ".git/HEAD", "sub/.git/HEAD"]) as sc:
        pol = policy(sc, backend)
        assert write_bytes(pol, ".git/HEAD", b"ref: refs/heads/main\n").allowed
        assert delete(pol, ".git/HEAD").reason == "file_guard.protected.no_delete"
        assert delete(pol, ".git/config").reason == "file_guard.protected.read_only"
        assert delete(pol, "sub/.git/HEAD").reason == "file_guard.protected.no_delete"
        assert (sc.root / "sub" / ".git" / "HEAD").exists()


def test_config_patterns_only_add_protection(backend: str) -> None:
    cfg = FileGuardConfig(no_access=("private/**",), no_delete=("*.db",))
    with Scenario.create(["private/diary.txt", "data.db", ".env"]) as sc:
        pol = policy_from_config(sc.root, cfg, None, backend=backend)  # type: ignore[arg-type]
        assert check(pol, "private/diary.txt", FileOp.READ).reason.endswith("no_access")
        assert delete(pol, "data.db").reason == "file_guard.protected.no_delete"
        assert check(pol, ".env", FileOp.READ).reason.endswith("no_access")  # defaults kept


@pytest.mark.parametrize("bad", ["!.env", "", "a\\b"])
def test_negated_or_malformed_pattern_is_rejected_by_config(bad: str) -> None:
    with pytest.raises(ValidationError):
        FileGuardConfig(no_access=(bad,))


def test_agent_override_cannot_unlock_what_defaults_lock() -> None:
    base = FileGuardConfig(read_only=("x",))
    agent = FileGuardConfig(unlock_identity_files=True, no_access=("y",))
    merged = base.with_override(agent)
    assert not merged.unlock_identity_files
    assert merged.read_only == ("x",) and merged.no_access == ("y",)


@pytest.mark.parametrize("op", [FileOp.READ, FileOp.WRITE, FileOp.DELETE])
def test_hard_link_to_outside_file_is_refused(op: FileOp, backend: str) -> None:
    with Scenario.create(["linked.txt == $OUTSIDE/secret.txt"]) as sc:
        pol = policy(sc, backend)
        assert check(pol, "linked.txt", op).reason == "file_guard.hardlink"
        result: object
        if op is FileOp.READ:
            result = read_bytes(pol, "linked.txt", 1 << 20)
        elif op is FileOp.WRITE:
            result = write_bytes(pol, "linked.txt", b"pwned")
        else:
            result = delete(pol, "linked.txt")
        assert isinstance(result, Deny)
        assert (sc.outside / "secret.txt").read_bytes() == OUTSIDE_SECRET
        assert os.stat(sc.outside / "secret.txt").st_nlink == 2


def test_state_dir_inside_workspace_is_never_opened(backend: str) -> None:
    with Scenario.create(["state/openclaw.yaml", "state/sessions/s.jsonl"]) as sc:
        pol = FilePolicy(root=sc.root, state_dir=sc.root / "state", backend=backend)  # type: ignore[arg-type]
        for path in ("state/openclaw.yaml", "state/sessions/s.jsonl"):
            assert check(pol, path, FileOp.READ).reason == "file_guard.protected.state_dir"
        assert isinstance(list_dir(pol, "state"), Deny)
        assert list_dir(pol, ".") == ["state"]


def test_workspace_inside_state_dir_works_but_config_path_is_refused(backend: str) -> None:
    with Scenario.create(["notes.txt", "cfg.json"]) as sc:
        pol = FilePolicy(
            root=sc.root,
            state_dir=sc.base,
            protected_paths=(sc.root / "cfg.json",),
            backend=backend,  # type: ignore[arg-type]
        )
        assert read_bytes(pol, "notes.txt", 100) == b"file notes.txt\n"
        assert check(pol, "cfg.json", FileOp.READ).reason == "file_guard.protected.state_dir"
