"""The WhatsApp channel (the official Cloud API: signed webhook in, Graph API out)."""

from __future__ import annotations

from clawkeep.channels.whatsapp.client import (
    DEFAULT_GRAPH_BASE,
    GraphClient,
    WhatsAppError,
    split_text,
)
from clawkeep.channels.whatsapp.parse import WHATSAPP, SelfIds, parse_webhook
from clawkeep.channels.whatsapp.routes import PATH_PREFIX, WhatsAppChannel, graph_client
from clawkeep.channels.whatsapp.verify import sign, verify_signature, verify_subscription

__all__ = [
    "DEFAULT_GRAPH_BASE",
    "PATH_PREFIX",
    "WHATSAPP",
    "GraphClient",
    "SelfIds",
    "WhatsAppChannel",
    "WhatsAppError",
    "graph_client",
    "parse_webhook",
    "sign",
    "split_text",
    "verify_signature",
    "verify_subscription",
]
