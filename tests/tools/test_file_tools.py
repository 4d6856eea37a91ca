"""read / write / edit go through the file-guard: nothing outside the workspace is read or
changed, whatever path the model makes up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.tools.tool_context import make_ctx, run_tool


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    path = tmp_path / "outside.txt"
    path.write_text("outside secret")
    return path


@pytest.mark.parametrize(
    "spelling", ["../outside.txt", "{abs}", "sub/../../outside.txt", "..%2Foutside.txt"]
)
def test_write_outside_workspace_is_refused_and_file_unchanged(
    tmp_path: Path, outside: Path, spelling: str
) -> None:
    ctx = make_ctx(tmp_path)
    result = run_tool(ctx, "write", path=spelling.format(abs=outside), content="overwritten")
    assert not result.ok and result.reason.startswith("file_guard.")
    assert outside.read_text() == "outside secret"


def test_read_through_symlink_out_of_workspace_is_refused(tmp_path: Path, outside: Path) -> None:
    ctx = make_ctx(tmp_path)
    os.symlink(outside, tmp_path / "ws" / "link.txt")
    result = run_tool(ctx, "read", path="link.txt")
    assert not result.ok and "outside secret" not in result.text


def test_read_of_the_state_dir_config_is_refused(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    (tmp_path / "state" / "clawkeep.json").write_text(
        '{"gateway": {"auth": {"token": "t0ps3cret"}}}'
    )
    result = run_tool(ctx, "read", path=str(tmp_path / "state" / "clawkeep.json"))
    assert not result.ok and "t0ps3cret" not in result.text


def test_write_read_edit_inside_workspace(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    assert run_tool(ctx, "write", path="dir/a.txt", content="hello world").ok
    assert run_tool(ctx, "edit", path="dir/a.txt", oldText="world", newText="there").ok
    result = run_tool(ctx, "read", path="dir/a.txt")
    assert result.ok and result.untrusted and result.text == "hello there"


def test_sandbox_without_workspace_access_refuses_file_tools(tmp_path: Path) -> None:
    raw = {"agents": {"list": [{"id": "main", "workspace": str(tmp_path / "ws")}]}}
    ctx = make_ctx(tmp_path, raw)
    result = run_tool(ctx, "write", path="a.txt", content="x")
    assert result.reason == "tools.write.workspace_access"
    assert not (tmp_path / "ws" / "a.txt").exists()


def test_read_only_workspace_access_refuses_write(tmp_path: Path) -> None:
    raw = {
        "agents": {
            "list": [
                {
                    "id": "main",
                    "workspace": str(tmp_path / "ws"),
                    "sandbox": {"workspaceAccess": "ro"},
                }
            ]
        }
    }
    ctx = make_ctx(tmp_path, raw)
    (tmp_path / "ws" / "a.txt").write_text("keep")
    assert run_tool(ctx, "read", path="a.txt").ok
    assert (
        run_tool(ctx, "edit", path="a.txt", oldText="keep", newText="lost").reason
        == "tools.edit.workspace_access"
    )
    assert (tmp_path / "ws" / "a.txt").read_text() == "keep"
