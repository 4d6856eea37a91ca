"""`policy explain` says what a turn would do: it asks the turn's own functions.

Each case asks explain, then drives a real turn whose scripted model calls the tool, and
checks that both refuse with the same reason code (or that explain refuses a tool the turn
could never run).
"""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import pytest

from clawkeep.agents.explain import explain_tool
from clawkeep.config.agents import find_agent
from clawkeep.tools import main_key
from tests.agents.agent_harness import build, call


def _explain(tmp_path: Path, raw: dict[str, Any], tool: str, main: bool = False) -> Any:
    tmp_path.mkdir()
    h = build(tmp_path, copy.deepcopy(raw))
    agent = find_agent(h.config, h.paths, "main")
    assert agent is not None
    verdict, _offered = explain_tool(h.config, agent, tool, main_session=main)
    return verdict


def _turn_reason(
    tmp_path: Path, raw: dict[str, Any], tool: str, main: bool = False, **kw: Any
) -> list[str]:
    tmp_path.mkdir()
    script = [{"toolCalls": [call(tool, **kw)]}, {"text": "done"}]
    h = build(tmp_path, copy.deepcopy(raw), {"main": script})
    asyncio.run(h.turn("go", session_key=main_key("main") if main else None))
    return h.events_for("tool.result", tool) + h.events_for("tool.denied", tool)


def test_exec_under_the_default_security_is_refused_like_the_turn_refuses_it(
    tmp_path: Path,
) -> None:
    raw: dict[str, Any] = {"agents": {"list": [{"id": "main"}]}}  # tools.exec.security unset
    verdict = _explain(tmp_path / "a", raw, "exec")
    assert (verdict.allowed, verdict.reason) == (False, "exec.security_deny")
    assert _turn_reason(tmp_path / "b", raw, "exec", command="id") == ["exec.security_deny"]


def test_host_exec_in_the_main_session_needs_elevated_as_in_the_turn(tmp_path: Path) -> None:
    raw: dict[str, Any] = {
        "tools": {"exec": {"security": "full"}},
        "agents": {"list": [{"id": "main", "sandbox": {"mode": "non-main"}}]},
    }
    main = _explain(tmp_path / "a", raw, "exec", main=True)
    assert (main.allowed, main.reason) == (False, "policy.elevated_off")
    assert _turn_reason(tmp_path / "t", raw, "exec", main=True, command="id") == [main.reason]
    other = _explain(tmp_path / "b", raw, "exec", main=False)
    assert other.allowed and "runs on the sandbox" in other.detail


def test_the_sandbox_layer_is_the_turns(tmp_path: Path) -> None:
    # mode all: the sandbox layer denies gateway, whatever the agent allows.
    raw: dict[str, Any] = {"agents": {"list": [{"id": "main", "tools": {"allow": ["*"]}}]}}
    verdict = _explain(tmp_path / "a", raw, "gateway")
    assert (verdict.allowed, verdict.layer) == (False, "sandbox")


@pytest.mark.parametrize("tool", ["canvas"])
@pytest.mark.parametrize("mode", ["off", "all"])
def test_a_tool_with_no_implementation_does_not_exist(tmp_path: Path, tool: str, mode: str) -> None:
    raw: dict[str, Any] = {"agents": {"list": [{"id": "main", "sandbox": {"mode": mode}}]}}
    verdict = _explain(tmp_path / "a", raw, tool)
    assert (verdict.allowed, verdict.reason) == (False, "tools.not_implemented")
    assert "does not exist" in verdict.detail
    assert _turn_reason(tmp_path / "b", raw, tool) != []  # the turn never runs it either


@pytest.mark.parametrize("mode", ["off", "all"])
def test_the_browser_off_is_never_offered_and_explain_says_why(tmp_path: Path, mode: str) -> None:
    # browser.enabled unset (false): whatever the tool policy allows, no browser.
    raw: dict[str, Any] = {
        "tools": {"allow": ["*"]},
        "agents": {"list": [{"id": "main", "sandbox": {"mode": mode}}]},
    }
    verdict = _explain(tmp_path / "a", raw, "browser")
    assert (verdict.allowed, verdict.reason) == (False, "policy.browser_disabled")
    assert "browser.enabled" in verdict.rule
    assert _turn_reason(tmp_path / "b", raw, "browser", action="tabs") == [verdict.reason]


def test_the_browser_on_is_offered_outside_the_sandbox_only(tmp_path: Path) -> None:
    on: dict[str, Any] = {
        "browser": {"enabled": True},
        "agents": {"list": [{"id": "main", "sandbox": {"mode": "off"}}]},
    }
    assert _explain(tmp_path / "a", on, "browser").allowed
    sandboxed = copy.deepcopy(on)
    sandboxed["agents"]["list"][0]["sandbox"]["mode"] = "all"
    verdict = _explain(tmp_path / "b", sandboxed, "browser")
    assert (verdict.allowed, verdict.layer) == (False, "sandbox")  # OpenClaw's sandbox deny
