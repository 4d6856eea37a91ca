"""exec, web_fetch, web_search, sessions, message, gateway: each refuses (fail closed)
when its guard, backend or seam is missing, and never reaches what it would touch."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from clawkeep.tools import ToolServices
from tests.tools.tool_context import make_ctx, run_tool


def test_exec_with_default_security_deny_starts_no_process(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    marker = tmp_path / "ws" / "marker"
    result = run_tool(ctx, "exec", command=f"touch {marker}")
    assert result.reason == "exec.security_deny"
    assert not marker.exists()


def test_exec_elevated_request_without_elevated_policy_is_refused(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, {"tools": {"exec": {"security": "full"}}})
    marker = tmp_path / "ws" / "marker"
    result = run_tool(ctx, "exec", command=f"touch {marker}", elevated=True)
    assert result.reason == "tools.exec.elevated_denied"
    assert not marker.exists()


def test_web_fetch_to_loopback_never_connects(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    ctx = make_ctx(tmp_path)
    urls = (
        f"http://127.0.0.1:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"http://2130706433:{port}/",
        f"http://localhost:{port}/",
    )
    for url in urls:
        result = run_tool(ctx, "web_fetch", url=url)
        assert not result.ok and result.reason.startswith("network_guard."), result.reason
    listener.setblocking(False)
    with pytest.raises(BlockingIOError):
        listener.accept()  # nothing is waiting in the backlog: no connection was made
    listener.close()


def test_web_search_without_backend_refuses(tmp_path: Path) -> None:
    assert (
        run_tool(make_ctx(tmp_path), "web_search", query="x").reason
        == "tools.web_search.no_backend"
    )


def test_sessions_list_shows_only_own_agent_sessions(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    assert ctx.store is not None
    ctx.store.append("agent:main:webchat:direct:u1", "user", "a")
    ctx.store.append("agent:search:main", "user", "b")
    result = run_tool(ctx, "sessions_list")
    assert "agent:main:webchat:direct:u1" in result.text and "agent:search" not in result.text


def test_message_and_gateway_without_seams_refuse(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, sandboxed=False, services=ToolServices())
    assert (
        run_tool(ctx, "message", channel="telegram", to="1", message="hi").reason
        == "tools.message.unavailable"
    )
    assert run_tool(ctx, "gateway", action="status").ok
    assert run_tool(ctx, "gateway", action="restart").reason == "tools.gateway.restart_off"
    assert (
        run_tool(ctx, "gateway", action="config.apply", raw="{}").reason
        == "tools.gateway.config_off"
    )
    unlocked = make_ctx(tmp_path, {"commands": {"restart": True}}, sandboxed=False)
    assert run_tool(unlocked, "gateway", action="restart").reason == "tools.gateway.unavailable"


def test_process_has_nothing_to_manage(tmp_path: Path) -> None:
    assert (
        run_tool(make_ctx(tmp_path), "process", action="list").reason == "tools.process.unavailable"
    )


def test_session_status_lists_offered_tools(tmp_path: Path) -> None:
    result = run_tool(make_ctx(tmp_path), "session_status")
    assert result.ok and "read" in result.text and "gateway" not in result.text


@pytest.mark.bwrap
def test_exec_in_the_sandbox_cannot_touch_the_host_outside_its_workspace(tmp_path: Path) -> None:
    from clawkeep.sandbox import backend_available

    available = backend_available()
    if not available.allowed:
        pytest.skip(f"no sandbox backend here: {available.reason}")
    raw = {"tools": {"exec": {"security": "full"}}}
    ctx = make_ctx(tmp_path, raw)
    result = run_tool(ctx, "exec", command="echo inside > made.txt; cat made.txt")
    assert result.ok, result.text
    assert "inside" in result.text
    assert (tmp_path / "ws" / "made.txt").read_text() == "inside\n"


def test_exec_allowlist_mode_refuses_commands_not_in_safe_bins(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path, {"tools": {"exec": {"security": "allowlist", "safeBins": ["ls"]}}})
    marker = tmp_path / "ws" / "marker"
    for command in ("touch marker", "ls && touch marker", "ls $(touch marker)", "env touch marker"):
        result = run_tool(ctx, "exec", command=command)
        assert result.reason == "command_guard.not_allowlisted", command
    assert not marker.exists()


@pytest.mark.bwrap
def test_exec_allowlist_mode_runs_a_listed_command(tmp_path: Path) -> None:
    from clawkeep.sandbox import backend_available

    if not backend_available().allowed:
        pytest.skip("no sandbox backend here")
    ctx = make_ctx(tmp_path, {"tools": {"exec": {"security": "allowlist", "safeBins": ["ls"]}}})
    (tmp_path / "ws" / "listed.txt").write_text("x")
    result = run_tool(ctx, "exec", command="cd . && ls")
    assert result.ok, result.text
    assert "listed.txt" in result.text
