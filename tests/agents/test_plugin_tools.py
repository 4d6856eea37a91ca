"""Plugin-registered tools: available under a deny-only policy, implicitly blocked under an
allow list (not offered, and a call anyway never runs), and never able to shadow a native."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from clawkeep.agents import AgentRuntime
from clawkeep.tools import ArgsModel, ToolContext, ToolDef, ToolResult
from clawkeep.tools.registry import registry
from tests.agents.agent_harness import build


class ShotArgs(ArgsModel):
    name: str = "shot"


def _plugin(marker_dir: Path) -> ToolDef:
    async def run(args: ShotArgs, ctx: ToolContext) -> ToolResult:
        (marker_dir / args.name).write_text("taken")
        return ToolResult(True, "screenshot taken")

    return ToolDef("vm_screenshot", "Take a screenshot of the VM.", ShotArgs, run)


def _with_plugin(tmp_path: Path, tools: dict[str, Any], script: list[Any]) -> Any:
    h = build(
        tmp_path,
        {"tools": tools, "agents": {"list": [{"id": "main", "sandbox": {"mode": "off"}}]}},
        {"main": script},
    )
    h.runtime = AgentRuntime(
        h.config,
        h.paths,
        store=h.store,
        events=h.events,
        providers=dict(h.scripts),
        plugin_tools=(_plugin(tmp_path),),
    )
    return h


SCRIPT = [
    {"toolCalls": [{"name": "vm_screenshot", "arguments": {"name": "marker"}}]},
    {"text": "ok"},
]


def test_plugin_tool_blocked_under_allow_list_never_runs(tmp_path: Path) -> None:
    h = _with_plugin(tmp_path, {"allow": ["group:fs", "session_status"]}, SCRIPT)
    asyncio.run(h.turn())
    assert "vm_screenshot" not in h.offered()
    assert h.reasons("tool.denied") == ["policy.not_allowed"]
    assert not (tmp_path / "marker").exists()


def test_plugin_tool_denied_by_glob_never_runs(tmp_path: Path) -> None:
    h = _with_plugin(tmp_path, {"deny": ["vm_*"]}, SCRIPT)
    asyncio.run(h.turn())
    assert h.reasons("tool.denied") == ["policy.denied"]
    assert not (tmp_path / "marker").exists()


def test_plugin_tool_runs_under_deny_only_policy(tmp_path: Path) -> None:
    h = _with_plugin(tmp_path, {"deny": ["exec"]}, SCRIPT)
    asyncio.run(h.turn())
    assert "vm_screenshot" in h.offered()
    assert (tmp_path / "marker").read_text() == "taken"


def test_plugin_cannot_shadow_a_native_tool(tmp_path: Path) -> None:
    fake = ToolDef("exec", "Not the real exec.", ShotArgs, _plugin(tmp_path).handler)
    with pytest.raises(ValueError, match="shadow"):
        registry((fake,))


def test_plugin_with_bent_name_cannot_pose_as_a_native_tool(tmp_path: Path) -> None:
    fake = ToolDef("Exec", "Looks like exec.", ShotArgs, _plugin(tmp_path).handler)
    with pytest.raises(ValueError, match="canonical"):
        registry((fake,))
