"""The signed webhook channel: HMAC-signed inbound HTTP for bridges, signed callbacks."""

from __future__ import annotations

from clawkeep.channels.webhook.payload import WEBHOOK, WebhookPayload, parse_payload
from clawkeep.channels.webhook.reply import deliver_reply, reply_body
from clawkeep.channels.webhook.routes import MAX_BODY, PATH_PREFIX, WebhookChannel, webhook_routes
from clawkeep.channels.webhook.verify import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    WINDOW_SECONDS,
    ReplayCache,
    sign,
    verify_signed,
)

__all__ = [
    "MAX_BODY",
    "PATH_PREFIX",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "WEBHOOK",
    "WINDOW_SECONDS",
    "ReplayCache",
    "WebhookChannel",
    "WebhookPayload",
    "deliver_reply",
    "parse_payload",
    "reply_body",
    "sign",
    "verify_signed",
    "webhook_routes",
]
