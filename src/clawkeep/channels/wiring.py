"""What the gateway mounts for the configured channels: public routes and background tasks.

``channel_seams(config, pipeline, events=...)`` gives the signed webhook's and WhatsApp's
routes (public: each request verifies its own signature) when they are configured, one
Telegram long-polling task per account with a bot token, and one Signal event-stream
task per account (with a state dir: their durable inboxes live there). Pass them to
``gateway.app.create_app(..., public_routes=seams.public_routes,
background=seams.background)``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.routing import BaseRoute, Route

from clawkeep.channels.signal import receivers_from_config
from clawkeep.channels.telegram import pollers_from_config
from clawkeep.channels.webhook import WEBHOOK, webhook_routes
from clawkeep.channels.whatsapp import WHATSAPP, WhatsAppChannel
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import InboundHandler
from clawkeep.events.log import EventLog

__all__ = ["ChannelSeams", "channel_seams"]


@dataclass(frozen=True, slots=True)
class ChannelSeams:
    public_routes: tuple[BaseRoute, ...]
    background: tuple[Callable[[], Coroutine[Any, Any, None]], ...]


def channel_seams(
    config: RootConfig,
    handler: InboundHandler,
    *,
    events: EventLog,
    state_dir: Path | None = None,
) -> ChannelSeams:
    """Routes and tasks for every configured, enabled channel transport.

    ``state_dir`` (the install's) keeps the webhook's replay memory and Telegram's
    confirmed update offsets across restarts.
    """
    webhook = config.channels.get(WEBHOOK)
    routes: list[Route] = []
    if webhook is not None and webhook.enabled:
        routes = webhook_routes(config, handler, events=events, state_dir=state_dir)
    pollers = pollers_from_config(config, handler, events=events, state_dir=state_dir)
    tasks: list[Callable[[], Coroutine[Any, Any, None]]] = [p.run for p in pollers]
    whatsapp = config.channels.get(WHATSAPP)
    if whatsapp is not None and whatsapp.enabled and state_dir is not None:
        wa = WhatsAppChannel(config, handler, events=events, state_dir=state_dir)
        routes.extend(wa.routes())
        tasks.append(wa.drain)  # what a crash left in the inbox runs at start
    if state_dir is not None:
        signal = receivers_from_config(config, handler, events=events, state_dir=state_dir)
        tasks.extend(r.run for r in signal)
    return ChannelSeams(tuple(routes), tuple(tasks))
