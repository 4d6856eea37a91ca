"""The composition root: the one place an install's parts are built and joined.

Order, each part handed to the next through its constructor (nothing is wired by
mutation afterwards): the event log and the stores (pairing, transcripts), the tool
services (messenger, control plane), the agent runtime, the inbound pipeline with that
runtime as its responder, and last what the gateway serves (``build_wiring``).
`clawkeep gateway run`, `clawkeep simulate` and the tests build installs here.
A channel that needs an HTTP endpoint (signed webhooks) adds it to ``public_routes``
(it verifies its own signature); a channel that polls (Telegram) adds a ``background``
task.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from clawkeep.access import PairingStore
from clawkeep.agents import AgentRuntime
from clawkeep.approvals import ApprovalStore
from clawkeep.audit.finding import Finding
from clawkeep.channels.messenger import ChannelMessenger
from clawkeep.channels.webchat import webchat_message
from clawkeep.channels.wiring import channel_seams
from clawkeep.clientapi import client_api_routes
from clawkeep.compose.control import GatewayControl
from clawkeep.config.agents import default_agent, resolve_agents
from clawkeep.config.loader import LoadedConfig
from clawkeep.config.statedir import ensure_state_dir
from clawkeep.contracts import CommandRunner, Responder
from clawkeep.controlui import ControlUi, ControlUiDeps, control_ui_routes
from clawkeep.decision import Deny
from clawkeep.events.install import install_event_log
from clawkeep.events.log import EventLog
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.runner import GatewayWiring
from clawkeep.gateway.services import TranscriptChatHistory
from clawkeep.pipeline import TRANSCRIPTS_FILE, ChannelScanner, InboundPipeline, build_pipeline
from clawkeep.plugins.host import PluginHost, start_plugins
from clawkeep.sessions import TranscriptStore, route
from clawkeep.tools import ToolServices
from clawkeep.tools.browser import BrowserHost

__all__ = ["Install", "build_install", "build_services", "build_wiring"]


@dataclass(frozen=True)
class Install:
    """One install's parts, built once and joined: what a gateway or a dry run drives."""

    loaded: LoadedConfig
    events: EventLog
    store: TranscriptStore
    pairing: PairingStore
    messenger: ChannelMessenger
    control: GatewayControl
    runtime: AgentRuntime | None  # None when the caller gave its own responder
    pipeline: InboundPipeline
    approvals: ApprovalStore  # calls held for the owner (untrusted data, host exec ask)
    plugins: PluginHost | None = None  # the plugin processes, stopped with the install

    async def aclose(self) -> None:
        if self.runtime is not None:
            await self.runtime.aclose()
        if self.plugins is not None:
            await self.plugins.aclose()


def build_install(
    loaded: LoadedConfig,
    env: Mapping[str, str],
    *,
    responder: Responder | None = None,
    agent: bool = True,
    events: EventLog | None = None,
    channel_guard: ChannelScanner | None = None,
    use_channel_guard: bool = True,
    command_runner: CommandRunner | None = None,
    services: ToolServices | None = None,
    runtime_options: Mapping[str, Any] | None = None,
) -> Install:
    """Build ``loaded``'s install: stores, runtime, then the pipeline that calls it.

    ``responder`` replaces the agent runtime (a test's scripted turn); ``agent=False``
    builds none (admitted messages get no reply: a dry run of access); ``services``
    replaces the tool services (default: the channel messenger and the control plane);
    ``runtime_options`` go to the ``AgentRuntime`` constructor (a test's fake provider).
    """
    paths, config = loaded.paths, loaded.config
    ensure_state_dir(paths)
    if events is None:
        events = install_event_log(loaded)  # redacted per logging.redactSensitive
    store = TranscriptStore(paths.state_dir / TRANSCRIPTS_FILE)
    pairing = PairingStore.open(paths.state_dir, events=events)
    messenger = ChannelMessenger(config, pairing)  # only to recipients access admits
    control = GatewayControl(paths, env)
    approvals = ApprovalStore.open(paths.state_dir, events=events)
    runtime: AgentRuntime | None = None
    plugins: PluginHost | None = None
    if responder is None and agent:
        if services is None:
            services = ToolServices(messenger=messenger, control=control)
        if config.browser.enabled and services.browser is None:
            # Built only when enabled; Chromium itself starts on the first browser call.
            services = replace(services, browser=BrowserHost(config, paths))
        options: dict[str, Any] = {
            "models": config.models,
            "approvals": approvals,
            **(runtime_options or {}),
        }
        if "plugin_tools" not in options:
            # Only the plugins `plugins.allow` names (and not disabled or denied) start.
            plugins = start_plugins(config, paths, events)
            options["plugin_tools"] = plugins.tools
        runtime = AgentRuntime(
            config, paths, store=store, events=events, services=services, **options
        )
        responder = runtime
    pipeline = build_pipeline(
        loaded,
        store=store,
        pairing=pairing,
        events=events,
        responder=responder,
        channel_guard=channel_guard,
        use_channel_guard=use_channel_guard,
        command_runner=command_runner,
    )
    return Install(
        loaded, events, store, pairing, messenger, control, runtime, pipeline, approvals, plugins
    )


def build_services(loaded: LoadedConfig, env: Mapping[str, str]) -> GatewayServices:
    """The inbound pipeline of ``loaded``'s install (with its agent runtime) and its stores."""
    return build_wiring(loaded, env).services


def _operator_session(loaded: LoadedConfig) -> str:
    """The session key the pipeline files the operator's web chat under."""
    message = webchat_message({"type": "chat", "text": "-"})
    assert not isinstance(message, Deny)  # a constant, well-formed frame
    agent = default_agent(loaded.config, loaded.paths)
    return route(message, agent, loaded.config.session).session_key


async def _metrics(request: Request) -> Response:
    from clawkeep.metrics import CONTENT_TYPE, exposition

    return Response(exposition(), media_type=CONTENT_TYPE)


def build_wiring(loaded: LoadedConfig, env: Mapping[str, str]) -> GatewayWiring:
    """The gateway of ``loaded``'s install: services, channel routes, channel pollers."""
    install = build_install(loaded, env)
    paths, config, pipeline = loaded.paths, loaded.config, install.pipeline
    seams = channel_seams(config, pipeline, events=install.events, state_dir=paths.state_dir)
    history = TranscriptChatHistory(install.store, _operator_session(loaded))
    frozen_env = dict(env)

    def audit() -> Sequence[Finding]:
        from clawkeep.audit.run import run_audit

        return run_audit(paths, env=frozen_env).findings

    services = GatewayServices(
        handler=pipeline,
        pairing=install.pairing,
        history=history,
        audit=audit,
        events=install.events,
    )
    from clawkeep.metrics import observe_event

    install.events.subscribe(observe_event)  # the counters are the event log, counted
    public: list[BaseRoute] = list(seams.public_routes)
    agent_ids = tuple(a.id for a in resolve_agents(config, paths))
    default_id = default_agent(config, paths).id
    if config.gateway.control_ui.enabled:
        from clawkeep.audit.fix import apply_fixes

        deps = ControlUiDeps(
            loaded=loaded,
            handler=pipeline,
            events=install.events,
            pairing=install.pairing,
            transcripts=install.store,
            agents=agent_ids,
            default_agent=default_id,
            audit=audit,
            fix=lambda: apply_fixes(loaded),
            approvals=install.approvals,
        )
        # The Control UI authenticates itself (sign-in, session cookie, CSRF, Origin).
        public.extend(control_ui_routes(ControlUi(deps)))
    if config.gateway.http.endpoints.chat_completions.enabled:
        # The client API authenticates each request itself (OpenAI-shaped refusals).
        public.extend(client_api_routes(pipeline, agent_ids, default_id))
    return GatewayWiring(
        services,
        routes=(Route("/metrics", _metrics, methods=["GET"]),),  # behind the gateway's auth
        public_routes=tuple(public),
        background=seams.background,
        closers=(install.aclose,),
        control=install.control,
    )
