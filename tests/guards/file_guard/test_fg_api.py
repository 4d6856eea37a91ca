"""The names other stages import from the file-guard stay put."""

from __future__ import annotations

import clawkeep.guards.file_guard as file_guard


def test_exported_names_are_pinned() -> None:
    assert sorted(file_guard.__all__) == [
        "Backend",
        "FileOp",
        "FilePolicy",
        "Level",
        "ProtectedPatterns",
        "check",
        "delete",
        "list_dir",
        "open_read",
        "openat2_available",
        "policy_from_config",
        "read_bytes",
        "write_bytes",
    ]
    for name in file_guard.__all__:
        assert getattr(file_guard, name) is not None


def test_ops_are_the_four_tool_verbs() -> None:
    assert [op.value for op in file_guard.FileOp] == ["read", "write", "delete", "list"]
