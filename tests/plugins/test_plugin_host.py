"""Plugins are MCP tool servers started only when the config allows them, in the sandbox.

A real MCP server (tests/plugins/mcp_server.py, standard library only) runs under
bubblewrap; a FIFO in its folder tells the test whether the process ever ran and which
tools it was asked to run. The agent is driven by a scripted model that obeys whatever
it is told, through the real turn.
"""

from __future__ import annotations

import asyncio
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clawkeep.agents.providers import ScriptProvider, load_script
from clawkeep.compose import Install, build_install
from clawkeep.config import LoadedConfig
from clawkeep.events.log import EventLog
from clawkeep.plugins.host import start_plugins
from clawkeep.sandbox import backend_available
from clawkeep.tools import ToolResult, ToolServices
from tests.agents.agent_harness import request
from tests.conftest import make_install
from tests.plugins.mcp_server import Witness, install_plugin

pytestmark = pytest.mark.skipif(
    not backend_available("bwrap").allowed, reason="bubblewrap cannot build a sandbox here"
)


def _loaded(
    tmp: Path, plugins: dict[str, Any], tools: dict[str, Any] | None = None
) -> LoadedConfig:
    raw: dict[str, Any] = {
        "plugins": plugins,
        "agents": {"list": [{"id": "main", "sandbox": {"mode": "off"}}]},
    }
    if tools is not None:
        raw["tools"] = tools
    return make_install(tmp, raw)


def _build(loaded: LoadedConfig, script: list[Any]) -> tuple[Install, ScriptProvider]:
    provider = ScriptProvider(load_script(script))
    install = build_install(
        loaded,
        {"GATEWAY_SECRET": "s3cr3t-gateway-value"},
        events=EventLog(loaded.paths.state_dir / "logs" / "events.jsonl"),
        use_channel_guard=False,
        services=ToolServices(),
        runtime_options={"providers": {"main": provider}},
    )
    return install, provider


def _turn(install: Install, text: str = "go") -> str | None:
    req = request(text)
    install.store.append(req.session_key, "user", text, meta={"channel": "webchat"})
    assert install.runtime is not None
    return asyncio.run(install.runtime.respond(req))


def _reasons(install: Install, kind: str) -> list[str]:
    return [e.reason for e in install.events.recent if e.kind == kind]


def _tool_texts(provider: ScriptProvider, turn: int = 1) -> str:
    return "\n".join(str(m) for m in provider.requests[turn][1])


@pytest.fixture
def cleanup() -> Iterator[list[Any]]:
    things: list[Any] = []
    yield things
    for thing in things:
        if isinstance(thing, Install):
            asyncio.run(thing.aclose())
        elif isinstance(thing, Witness):
            thing.close()


def test_allowed_plugin_tool_is_offered_and_works_in_a_turn(
    tmp_path: Path, cleanup: list[Any]
) -> None:
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    witness = install_plugin(loaded.paths.extensions_dir / "demo")
    cleanup.append(witness)
    script = [
        {"toolCalls": [{"name": "demo_echo", "arguments": {"text": "hello plugin"}}]},
        {"text": "done"},
    ]
    install, provider = _build(loaded, script)
    cleanup.append(install)
    assert _turn(install) == "done"
    assert "demo_echo" in provider.requests[0][2]
    assert witness.lines() == ["started", "call:echo"]
    seen = _tool_texts(provider)
    assert "echo: hello plugin" in seen
    assert "untrusted" in seen.lower()  # plugin output enters the context as outside content


@pytest.mark.parametrize(
    ("plugins", "reason"),
    [
        ({"allow": ["demo"], "entries": {"demo": {"enabled": False}}}, "plugins.disabled"),
        ({"allow": ["other"]}, "plugins.not_allowed"),
        ({}, "plugins.not_allowed"),  # no allowlist: nothing in extensions/ starts
        ({"allow": ["demo"], "deny": ["demo"]}, "plugins.denied"),
        ({"enabled": False, "allow": ["demo"]}, "plugins.all_disabled"),
    ],
)
def test_plugin_not_allowed_never_starts(
    tmp_path: Path, cleanup: list[Any], plugins: dict[str, Any], reason: str
) -> None:
    loaded = _loaded(tmp_path, plugins)
    witness = install_plugin(loaded.paths.extensions_dir / "demo")
    cleanup.append(witness)
    script = [{"toolCalls": [{"name": "demo_echo", "arguments": {"text": "x"}}]}, {"text": "ok"}]
    install, provider = _build(loaded, script)
    cleanup.append(install)
    _turn(install)
    assert witness.lines() == []  # the process never ran
    assert "demo_echo" not in provider.requests[0][2]
    assert install.plugins is not None
    assert install.plugins.decisions["demo"].reason == reason
    assert _reasons(install, "tool.denied") == ["policy.unknown_tool"]


def test_symlinked_plugin_folder_is_refused(tmp_path: Path, cleanup: list[Any]) -> None:
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    outside = tmp_path / "outside" / "demo"
    cleanup.append(install_plugin(outside))
    witness = cleanup[-1]
    loaded.paths.extensions_dir.mkdir(parents=True, exist_ok=True)
    (loaded.paths.extensions_dir / "demo").symlink_to(outside)
    install, _ = _build(loaded, [{"text": "ok"}])
    cleanup.append(install)
    assert witness.lines() == []
    assert _reasons(install, "plugin.skipped") == ["plugins.path_escape"]


@pytest.mark.parametrize(
    "command",
    [["python3", "../outside/server.py"], ["python3", "link.py"], ["./link.py"]],
)
def test_command_leading_out_of_the_folder_is_refused(
    tmp_path: Path, cleanup: list[Any], command: list[str]
) -> None:
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    outside = loaded.paths.extensions_dir / "outside"
    cleanup.append(install_plugin(outside))
    witness = cleanup[-1]
    folder = loaded.paths.extensions_dir / "demo"
    install_plugin(folder, command).close()
    (folder / "link.py").symlink_to(outside / "server.py")
    install, _ = _build(loaded, [{"text": "ok"}])
    cleanup.append(install)
    assert witness.lines() == []
    assert "plugins.path_escape" in _reasons(install, "plugin.skipped")


def test_symlinked_manifest_is_refused(tmp_path: Path, cleanup: list[Any]) -> None:
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    outside = tmp_path / "outside"
    cleanup.append(install_plugin(outside))
    folder = loaded.paths.extensions_dir / "demo"
    folder.mkdir(parents=True)
    (folder / "clawkeep.plugin.json").symlink_to(outside / "clawkeep.plugin.json")
    host = start_plugins(loaded.config, loaded.paths)
    assert host.tools == ()
    assert host.decisions["demo"].reason == "plugins.path_escape"
    assert cleanup[0].lines() == []


@pytest.mark.parametrize(
    ("tools", "reason"),
    [
        ({"allow": ["read", "session_status"]}, "policy.not_allowed"),
        ({"deny": ["demo_*"]}, "policy.denied"),
    ],
)
def test_obedient_model_cannot_call_a_plugin_tool_the_policy_refuses(
    tmp_path: Path, cleanup: list[Any], tools: dict[str, Any], reason: str
) -> None:
    loaded = _loaded(tmp_path, {"allow": ["demo"]}, tools)
    witness = install_plugin(loaded.paths.extensions_dir / "demo")
    cleanup.append(witness)
    script = [
        {"toolCalls": [{"name": "demo_env", "arguments": {}}]},
        {"text": "ok"},
    ]
    install, provider = _build(loaded, script)
    cleanup.append(install)
    _turn(install)
    assert "demo_env" not in provider.requests[0][2]
    assert _reasons(install, "tool.denied") == [reason]
    assert witness.lines() == ["started"]  # it runs, but the call never reached it


def test_flagged_turn_loses_plugin_tools_that_may_change_things(
    tmp_path: Path, cleanup: list[Any]
) -> None:
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    cleanup.append(install_plugin(loaded.paths.extensions_dir / "demo"))
    install, provider = _build(loaded, [{"text": "ok"}])
    cleanup.append(install)
    req = request("go", flagged=True)
    assert install.runtime is not None
    asyncio.run(install.runtime.respond(req))
    offered = provider.requests[0][2]
    assert "demo_echo" in offered  # annotated read-only and closed-world
    assert "demo_fetch" not in offered and "demo_env" not in offered


class _Loopback:
    """A loopback HTTP server that records every request it receives."""

    def __init__(self) -> None:
        hits: list[str] = []
        self.hits = hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"secret internal data")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _call(install: Install, name: str, args: dict[str, Any]) -> str:
    assert install.runtime is not None
    tool = install.runtime.tools[name]
    ctx: Any = None  # plugin handlers do not read the context

    async def run() -> ToolResult:
        return await tool.handler(tool.args.model_validate(args), ctx)

    return asyncio.run(run()).text


def test_plugin_cannot_read_the_config_or_see_gateway_secrets(
    tmp_path: Path, cleanup: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEWAY_API_KEY", "sk-gateway-should-not-leak")
    loaded = _loaded(
        tmp_path, {"allow": ["demo"], "entries": {"demo": {"config": {"apiKey": "own-key"}}}}
    )
    cleanup.append(install_plugin(loaded.paths.extensions_dir / "demo"))
    install, _ = _build(loaded, [{"text": "ok"}])
    cleanup.append(install)
    config_text = loaded.paths.config_path.read_text()
    for path in (str(loaded.paths.config_path), str(loaded.paths.state_dir / "logs")):
        out = _call(install, "demo_read_file", {"path": path})
        assert out.startswith("error:"), out
    assert config_text not in out
    env = _call(install, "demo_env", {})
    assert "own-key" in env  # its own config block
    assert "sk-gateway-should-not-leak" not in env and "s3cr3t-gateway-value" not in env
    assert os.environ["GATEWAY_API_KEY"] not in env


def test_plugin_without_hosts_has_no_network(tmp_path: Path, cleanup: list[Any]) -> None:
    server = _Loopback()
    cleanup.append(install_plugin(tmp_path / "state" / "extensions" / "demo"))
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    install, _ = _build(loaded, [{"text": "ok"}])
    cleanup.append(install)
    try:
        out = _call(install, "demo_connect", {"host": "127.0.0.1", "port": server.port})
        assert out.startswith("error:"), out
        out = _call(install, "demo_fetch", {"url": f"http://127.0.0.1:{server.port}/x"})
        assert out.startswith("error:"), out
    finally:
        server.close()
    assert server.hits == []


def test_plugin_with_hosts_cannot_reach_a_private_address(
    tmp_path: Path, cleanup: list[Any]
) -> None:
    server = _Loopback()
    cleanup.append(install_plugin(tmp_path / "state" / "extensions" / "demo"))
    loaded = _loaded(
        tmp_path, {"allow": ["demo"], "entries": {"demo": {"hosts": ["127.0.0.1", "localhost"]}}}
    )
    install, _ = _build(loaded, [{"text": "ok"}])
    cleanup.append(install)
    try:
        for url in (f"http://127.0.0.1:{server.port}/a", f"http://localhost:{server.port}/b"):
            out = _call(install, "demo_fetch", {"url": url})
            assert "fetched" not in out, out
    finally:
        server.close()
    assert server.hits == []


def _running(token: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if token.encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            continue
    return found


def test_plugin_that_never_answers_is_left_out_and_stopped(
    tmp_path: Path, cleanup: list[Any]
) -> None:
    token = f"hang-{os.getpid()}-{tmp_path.name}"
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    witness = install_plugin(
        loaded.paths.extensions_dir / "demo", ["python3", "server.py", "hang", token]
    )
    cleanup.append(witness)
    host = start_plugins(loaded.config, loaded.paths, timeout=2)
    assert host.tools == ()
    assert host.decisions["demo"].reason == "plugins.start_failed"
    assert witness.lines() == ["started"]  # it did run, and hung
    assert _running(token) == []  # and nothing of it is left


def test_plugin_tool_cannot_take_a_native_tool_name(tmp_path: Path, cleanup: list[Any]) -> None:
    loaded = _loaded(tmp_path, {"allow": ["web", "apply"]})
    cleanup.append(install_plugin(loaded.paths.extensions_dir / "web"))
    cleanup.append(install_plugin(loaded.paths.extensions_dir / "apply"))
    install, _ = _build(loaded, [{"text": "ok"}])
    cleanup.append(install)
    assert install.runtime is not None
    assert install.runtime.tools["web_fetch"].description != "[plugin web] Fetch a URL."
    assert "web_echo" in install.runtime.tools


def test_plugin_config_gets_env_substitution_and_nothing_else(
    tmp_path: Path, cleanup: list[Any]
) -> None:
    import json

    from clawkeep.config import load_config, resolve_paths

    state = tmp_path / "state"
    cleanup.append(install_plugin(state / "extensions" / "demo"))
    config = state / "clawkeep.json"
    raw = {"plugins": {"allow": ["demo"], "entries": {"demo": {"config": {"key": "${DEMO_KEY}"}}}}}
    config.write_text(json.dumps(raw))
    config.chmod(0o600)
    env = {"HOME": str(tmp_path), "DEMO_KEY": "demo-key-value", "OPENAI_API_KEY": "sk-other"}
    loaded = load_config(resolve_paths(env, config=config), env=env)
    host = start_plugins(loaded.config, loaded.paths)
    try:
        tool = next(t for t in host.tools if t.name == "demo_env")
        ctx: Any = None

        async def run() -> ToolResult:
            return await tool.handler(tool.args.model_validate({}), ctx)

        seen = asyncio.run(run()).text
    finally:
        host.close()
    assert "demo-key-value" in seen and "sk-other" not in seen


def test_plugin_sending_an_endless_line_at_start_is_stopped(
    tmp_path: Path, cleanup: list[Any]
) -> None:
    token = f"flood-{os.getpid()}-{tmp_path.name}"
    loaded = _loaded(tmp_path, {"allow": ["demo"]})
    witness = install_plugin(
        loaded.paths.extensions_dir / "demo", ["python3", "server.py", "flood-at-start", token]
    )
    cleanup.append(witness)
    events = EventLog()
    host = start_plugins(loaded.config, loaded.paths, events, timeout=20)
    assert host.tools == ()
    decision = host.decisions["demo"]
    assert decision.reason == "plugins.output_too_large"
    assert "plugins.maxMessageBytes" in decision.detail
    assert [(e.kind, e.reason) for e in events.recent] == [
        ("plugin.skipped", "plugins.output_too_large")
    ]
    assert witness.lines() == ["started", "flooding"]
    assert _running(token) == []  # stopped, not left writing


def test_plugin_sending_an_endless_line_in_a_call_is_stopped_and_the_gateway_goes_on(
    tmp_path: Path, cleanup: list[Any]
) -> None:
    token = f"flood-{os.getpid()}-{tmp_path.name}"
    # The untrusted-data rule is off: this test is about the link, not about grounding.
    tools = {"untrusted": {"mode": "off"}}
    loaded = _loaded(tmp_path, {"allow": ["demo", "other"]}, tools)
    witness = install_plugin(loaded.paths.extensions_dir / "demo", ["python3", "server.py", token])
    cleanup.append(witness)
    cleanup.append(install_plugin(loaded.paths.extensions_dir / "other"))
    script = [
        {"toolCalls": [{"name": "demo_flood", "arguments": {}}]},
        {"toolCalls": [{"name": "demo_echo", "arguments": {"text": "again"}}]},
        {"toolCalls": [{"name": "other_echo", "arguments": {"text": "still here"}}]},
        {"text": "done"},
    ]
    install, provider = _build(loaded, script)
    cleanup.append(install)
    assert _turn(install) == "done"
    seen = _tool_texts(provider, 3)
    assert "plugins.maxMessageBytes" in seen
    assert "echo: again" not in seen
    assert "echo: still here" in seen  # the other plugin and the turn go on
    assert _reasons(install, "plugin.failed") == ["plugins.output_too_large"]
    assert witness.lines() == ["started", "call:flood", "flooding"]  # the echo never reached it
    assert _running(token) == []
