"""Assembling the real gateway of an install: its pipeline, pairing store, history, audit.

This is the seam between the gateway and the other stages: `clawkeep gateway run` takes
everything it serves from `build_wiring`. A channel that needs an HTTP endpoint (signed
webhooks) adds it to ``public_routes`` (it verifies its own signature) or ``routes``
(behind the gateway token); a channel that polls (Telegram) adds a ``background`` task.
Tests build `GatewayServices` from small real implementations instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from clawkeep.audit.finding import Finding
from clawkeep.config.loader import LoadedConfig
from clawkeep.decision import Deny
from clawkeep.gateway.app import BackgroundTask
from clawkeep.gateway.control import GatewayControl
from clawkeep.gateway.core import GatewayServices
from clawkeep.gateway.services import TranscriptChatHistory

__all__ = ["GatewayWiring", "build_services", "build_wiring"]


@dataclass(frozen=True)
class GatewayWiring:
    """Everything one gateway process serves."""

    services: GatewayServices
    routes: Sequence[BaseRoute] = ()
    public_routes: Sequence[BaseRoute] = ()
    background: Sequence[BackgroundTask] = ()
    closers: Sequence[Callable[[], Awaitable[None]]] = ()
    control: GatewayControl | None = None


def build_services(loaded: LoadedConfig, env: Mapping[str, str]) -> GatewayServices:
    """The inbound pipeline of ``loaded``'s install (with its agent runtime) and its stores."""
    return _build(loaded, env).services


def build_wiring(loaded: LoadedConfig, env: Mapping[str, str]) -> GatewayWiring:
    """The gateway of ``loaded``'s install: services, channel routes, channel pollers."""
    return _build(loaded, env)


def _operator_session(loaded: LoadedConfig) -> str:
    """The session key the pipeline files the operator's web chat under."""
    from clawkeep.channels.webchat import webchat_message
    from clawkeep.config.agents import default_agent
    from clawkeep.sessions import route

    message = webchat_message({"type": "chat", "text": "-"})
    assert not isinstance(message, Deny)  # a constant, well-formed frame
    agent = default_agent(loaded.config, loaded.paths)
    return route(message, agent, loaded.config.session).session_key


async def _metrics(request: Request) -> Response:
    from clawkeep.metrics import CONTENT_TYPE, exposition

    return Response(exposition(), media_type=CONTENT_TYPE)


def _build(loaded: LoadedConfig, env: Mapping[str, str]) -> GatewayWiring:
    from clawkeep.agents.build import build_runtime
    from clawkeep.channels.messenger import ChannelMessenger
    from clawkeep.channels.wiring import channel_seams
    from clawkeep.events.install import install_event_log
    from clawkeep.pipeline import build_pipeline
    from clawkeep.tools import ToolServices

    paths, config = loaded.paths, loaded.config
    events = install_event_log(loaded)
    pipeline = build_pipeline(loaded, events=events)
    messenger = ChannelMessenger(config, pipeline.pairing)  # only to admitted recipients
    control = GatewayControl(paths, env)
    services_for_tools = ToolServices(messenger=messenger, control=control)
    runtime = build_runtime(
        loaded, store=pipeline.store, events=events, services=services_for_tools
    )
    pipeline.responder = runtime
    seams = channel_seams(config, pipeline, events=events, state_dir=paths.state_dir)
    history = TranscriptChatHistory(pipeline.store, _operator_session(loaded))
    frozen_env = dict(env)

    def audit() -> Sequence[Finding]:
        from clawkeep.audit.run import run_audit

        return run_audit(paths, env=frozen_env).findings

    services = GatewayServices(
        handler=pipeline, pairing=pipeline.pairing, history=history, audit=audit, events=events
    )
    from clawkeep.metrics import observe_event

    events.subscribe(observe_event)  # the counters are the event log, counted
    return GatewayWiring(
        services,
        routes=(Route("/metrics", _metrics, methods=["GET"]),),  # behind the gateway's auth
        public_routes=seams.public_routes,
        background=seams.background,
        closers=(runtime.aclose,),
        control=control,
    )
