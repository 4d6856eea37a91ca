"""Starts the plugins the config allows, each an MCP tool server in its own sandbox, and
offers their tools to the agents as `<id>_<tool>`.

Each plugin runs under bubblewrap (no state dir, no gateway environment, no network
unless its entry lists hosts, reached only through the egress proxy and the network
guard; rlimits and the pids jail as for exec). Its MCP session lives on a worker thread
with its own event loop, so the gateway's loop (or none, in the CLI) never owns it. A
plugin that is not allowed, or whose folder or command fails the path checks, is never
spawned; one that fails to start is left out and the event log says why.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import mcp_types as mtypes
from mcp.client.session import ClientSession
from pydantic import ConfigDict

from clawkeep.config.paths import InstallPaths
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow, Deny
from clawkeep.events.log import EventLog
from clawkeep.guards.network_guard import policy_from_config
from clawkeep.plugins.gate import may_start
from clawkeep.plugins.manifest import PluginLaunch, installed_plugins, resolve_launch
from clawkeep.plugins.stdio import LinkState, bounded_stdio
from clawkeep.policy.catalog import CORE_TOOLS, canonical_name
from clawkeep.sandbox.config import protected_paths_for
from clawkeep.sandbox.limits import limits_from_config
from clawkeep.sandbox.service import SandboxedService, open_service
from clawkeep.sandbox.spec import SandboxSpec
from clawkeep.tools.base import ArgsModel, ToolContext, ToolDef, ToolResult, refuse
from clawkeep.tools.registry import NATIVE_TOOLS

__all__ = [
    "PluginArgs",
    "PluginHost",
    "PluginToolDef",
    "candidate_ids",
    "plugin_tool_name",
    "start_plugins",
]

_START_TIMEOUT = 30.0
_MAX_RESULT = 64 * 1024
_MAX_DESCRIPTION = 1000
CONFIG_ENV = "CLAWKEEP_PLUGIN_CONFIG"


class PluginArgs(ArgsModel):
    """A plugin tool's arguments: any JSON object; the plugin checks its own schema."""

    model_config = ConfigDict(extra="allow", frozen=True)


@dataclass(frozen=True)
class PluginToolDef(ToolDef):
    """A plugin's tool: offered with the schema the plugin declared."""

    input_schema: Mapping[str, Any] = field(default_factory=dict)
    plugin_id: str = ""

    def schema(self) -> Mapping[str, Any]:
        return self.input_schema


def plugin_tool_name(plugin_id: str, tool: str) -> str | None:
    """`<id>_<tool>` (lower case), or None when the tool's name cannot be offered as is.

    Not `plugin:<id>:<tool>`: model APIs accept only [a-zA-Z0-9_-] in tool names.
    """
    name = f"{plugin_id}_{tool}".lower()
    ok = len(name) <= 64 and all(c.isascii() and (c.isalnum() or c in "_-") for c in name)
    # Never the name (or an alias) of a native tool: `web` + `fetch` is not web_fetch, and
    # `apply` + `patch` must not join group:fs as apply_patch.
    native = canonical_name(name) != name or name in CORE_TOOLS or name in NATIVE_TOOLS
    return name if ok and not native else None


def _risky(annotations: mtypes.ToolAnnotations | None) -> bool:
    # MCP's defaults: not read-only, destructive, open world. Only a tool that says it is
    # read-only and closed-world keeps its place on a turn the channel guard flagged.
    if annotations is None:
        return True
    return annotations.read_only_hint is not True or annotations.open_world_hint is not False


def _result_text(result: mtypes.CallToolResult) -> str:
    parts: list[str] = []
    for block in result.content:
        if isinstance(block, mtypes.TextContent):
            parts.append(block.text)
        else:
            parts.append(f"[{getattr(block, 'type', 'content')} omitted]")
    if not parts and result.structured_content is not None:
        parts.append(json.dumps(result.structured_content)[:_MAX_RESULT])
    text = "\n".join(parts)
    return text if len(text) <= _MAX_RESULT else text[:_MAX_RESULT] + "\n[truncated]"


class _Worker:
    """One plugin's sandboxed process and MCP session, on a thread of its own."""

    def __init__(
        self,
        launch: PluginLaunch,
        service: SandboxedService,
        call_timeout: float,
        max_message: int,
    ):
        self.launch = launch
        self.service = service
        self.call_timeout = call_timeout
        self.link = LinkState(max_message)
        self.failure_reported = False
        self.errlog: TextIO = tempfile.TemporaryFile("w+")  # noqa: SIM115  # closed in close()
        self.ready: concurrent.futures.Future[list[mtypes.Tool]] = concurrent.futures.Future()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.session: ClientSession | None = None
        self._stop: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self.thread = threading.Thread(
            target=self._run, name=f"plugin-{launch.plugin_id}", daemon=True
        )

    def _run(self) -> None:
        try:
            asyncio.run(self._guarded())
        finally:
            self.service.close()  # the jail kills whatever the plugin left running
            if not self.ready.done():
                self.ready.set_exception(RuntimeError("the plugin process ended"))

    async def _guarded(self) -> None:
        self._task = asyncio.current_task()
        with contextlib.suppress(asyncio.CancelledError):  # close() cancels a hung start
            await self._main()

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            async with (
                bounded_stdio(self.service.argv, self.service.env, self.errlog, self.link) as (
                    read,
                    write,
                ),
                ClientSession(read, write, read_timeout_seconds=self.call_timeout) as session,
            ):
                await session.initialize()
                listed = await session.list_tools()
                self.session = session
                self.ready.set_result(list(listed.tools))
                await self._stop.wait()
        except Exception as exc:  # any failure of the plugin: it is left out, not fatal
            if not self.ready.done():
                self.ready.set_exception(exc)

    def failure(self) -> Deny | None:
        """Why the link to the plugin was cut by the gateway, if it was."""
        if self.link.overflow:
            return Deny(
                "plugins.output_too_large",  # a line past the bound: the plugin is stopped
                f"plugin {self.launch.plugin_id} sent a message of over "
                f"{self.link.max_line} bytes (plugins.maxMessageBytes); it was stopped",
            )
        return None

    def stderr_tail(self) -> str:
        try:
            self.errlog.seek(0)
            return self.errlog.read()[-500:].strip()
        except (OSError, ValueError):
            return ""

    async def call(self, tool: str, args: dict[str, Any]) -> mtypes.CallToolResult:
        loop, session = self.loop, self.session
        if loop is None or session is None or loop.is_closed():
            raise RuntimeError("the plugin is not running")
        future = asyncio.run_coroutine_threadsafe(session.call_tool(tool, args), loop)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.call_timeout + 1)
        except TimeoutError:
            future.cancel()
            raise

    def close(self) -> None:
        loop, task = self.loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            # Cancelling the session ends it whatever it waits on (a plugin that never
            # answers the handshake too); the SDK then stops the process tree.
            with contextlib.suppress(RuntimeError):  # the loop ended meanwhile
                loop.call_soon_threadsafe(task.cancel)
        self.thread.join(timeout=10)
        self.errlog.close()


def _failed(worker: _Worker, events: EventLog | None) -> ToolResult | None:
    """The refusal for a plugin the gateway stopped, its event recorded once."""
    failure = worker.failure()
    if failure is None:
        return None
    if events is not None and not worker.failure_reported:
        worker.failure_reported = True
        events.emit("plugin.failed", failure.reason, plugin=worker.launch.plugin_id)
    return refuse(failure.reason, failure.detail)


def _tool_def(
    worker: _Worker, tool: mtypes.Tool, name: str, events: EventLog | None = None
) -> PluginToolDef:
    plugin_id = worker.launch.plugin_id

    async def run(args: PluginArgs, ctx: ToolContext) -> ToolResult:
        del ctx
        if (stopped := _failed(worker, events)) is not None:
            return stopped
        try:
            result = await worker.call(tool.name, dict(args.model_extra or {}))
        except TimeoutError:
            return refuse("plugins.call_timeout", f"plugin {plugin_id} did not answer in time")
        except Exception as exc:  # a broken or crashed plugin: a refusal, not a traceback
            if (stopped := _failed(worker, events)) is not None:
                return stopped
            return refuse("plugins.call_failed", f"plugin {plugin_id}: {type(exc).__name__}")
        text = _result_text(result)
        # Whatever a plugin answers is outside content: wrapped, and the content guard reads it.
        if result.is_error:
            return ToolResult(False, text, "plugins.tool_error", True, f"plugin:{plugin_id}")
        return ToolResult(True, text, "tools.ok", True, f"plugin:{plugin_id}")

    description = f"[plugin {plugin_id}] {(tool.description or '').strip()}"[:_MAX_DESCRIPTION]
    return PluginToolDef(
        name,
        description,
        PluginArgs,
        run,
        risky=_risky(tool.annotations),
        input_schema=dict(tool.input_schema),
        plugin_id=plugin_id,
    )


def candidate_ids(config: RootConfig, paths: InstallPaths) -> list[str]:
    """Every plugin id the config or extensions/ names (allowed or not)."""
    named = set(config.plugins.allow or ()) | set(config.plugins.entries)
    return sorted(named | set(installed_plugins(paths)))


def plugin_spec(config: RootConfig, paths: InstallPaths, launch: PluginLaunch) -> SandboxSpec:
    """The sandbox one plugin runs in: its folder read-only (or a scratch dir), its hosts."""
    defaults = config.agents.defaults.sandbox if config.agents.defaults else None
    return SandboxSpec(
        workspace=launch.folder or Path("/nonexistent"),
        workspace_access="ro" if launch.folder is not None else "none",
        egress_domains=launch.hosts,
        limits=limits_from_config(defaults.limits if defaults else None),
        # Its own config block is all it gets; the gateway's environment never crosses.
        env={CONFIG_ENV: json.dumps(launch.config)},
        protected_paths=protected_paths_for(paths.state_dir, paths.config_path, Path.home()),
        network_policy=policy_from_config(config.guards.network),
    )


@dataclass
class PluginHost:
    """The running plugins and their tools; `close` stops every process."""

    tools: tuple[ToolDef, ...] = ()
    decisions: dict[str, Allow | Deny] = field(default_factory=dict)
    _workers: list[_Worker] = field(default_factory=list)

    def close(self) -> None:
        for worker in self._workers:
            worker.close()
        self._workers.clear()

    async def aclose(self) -> None:
        await asyncio.to_thread(self.close)


def _emit(events: EventLog | None, decision: Allow | Deny, plugin_id: str) -> None:
    if events is not None:
        kind = "plugin.started" if isinstance(decision, Allow) else "plugin.skipped"
        events.emit(kind, decision.reason, plugin=plugin_id, detail=decision.detail[:300])


def _start_one(
    config: RootConfig, paths: InstallPaths, plugin_id: str, timeout: float
) -> tuple[_Worker | None, Allow | Deny]:
    launch = resolve_launch(config, paths, plugin_id)
    if isinstance(launch, Deny):
        return None, launch
    spec = plugin_spec(config, paths, launch)
    service = open_service(launch.argv, spec)
    if isinstance(service, Deny):
        return None, service
    max_message = config.plugins.max_message_bytes
    worker = _Worker(launch, service, spec.limits.wall_seconds, max_message)
    worker.thread.start()
    try:
        worker.ready.result(timeout=timeout)
    except Exception as exc:  # timeout, crash, protocol error: the plugin stays out
        why = worker_error(exc, worker)
        worker.close()
        failure = worker.failure()
        if failure is not None:
            return None, failure
        return None, Deny("plugins.start_failed", f"{plugin_id} did not start: {why}")
    return worker, Allow("plugins.started", plugin_id)


def worker_error(exc: BaseException, worker: _Worker) -> str:
    tail = worker.stderr_tail()
    name = type(exc).__name__
    return f"{name}: {exc}"[:200] + (f"; stderr: {tail}" if tail else "")


def start_plugins(
    config: RootConfig,
    paths: InstallPaths,
    events: EventLog | None = None,
    *,
    timeout: float = _START_TIMEOUT,
) -> PluginHost:
    """Start every plugin ``config`` allows; the others are never spawned."""
    host = PluginHost()
    tools: dict[str, ToolDef] = {}
    for plugin_id in candidate_ids(config, paths):
        decision: Allow | Deny = may_start(config, plugin_id)
        worker = None
        if isinstance(decision, Allow):
            worker, decision = _start_one(config, paths, plugin_id, timeout)
        host.decisions[plugin_id] = decision
        _emit(events, decision, plugin_id)
        if worker is None:
            continue
        host._workers.append(worker)
        for tool in worker.ready.result():
            name = plugin_tool_name(plugin_id, tool.name)
            if name is None or name in tools:
                if events is not None:
                    events.emit("plugin.tool_skipped", "plugins.tool_name", plugin=plugin_id)
                continue
            tools[name] = _tool_def(worker, tool, name, events)
    host.tools = tuple(tools[n] for n in sorted(tools))
    return host
