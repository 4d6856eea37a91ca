"""The web chat adapter: the gateway's own WebSocket chat, used by the operator.

The gateway authenticates the WebSocket with its token before a frame reaches here, so
a web chat message is the owner's (``is_owner``). Frames are verified for shape: a
frame that is not ``{"type": "chat", "text": str, "id"?: str}`` with bounded text is
refused with a reason code and never becomes a message.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny

__all__ = ["MAX_TEXT", "OPERATOR", "WEBCHAT", "webchat_message"]

WEBCHAT = "webchat"
OPERATOR = "operator"
MAX_TEXT = 32_000


def webchat_message(
    frame: Mapping[str, Any], *, session: str = OPERATOR, now: float | None = None
) -> InboundMessage | Deny:
    """Turn an authenticated web chat frame into a message, or say why it is refused."""
    if frame.get("type") != "chat":
        return Deny("channels.webchat.malformed", "frame type is not chat")
    text = frame.get("text")
    raw_id = frame.get("id", uuid.uuid4().hex)
    if not isinstance(text, str) or not isinstance(raw_id, str) or not text.strip():
        return Deny("channels.webchat.malformed", "text must be a non-empty string")
    if len(text) > MAX_TEXT:  # a bounded message: the pipeline never sees a huge frame
        return Deny("channels.webchat.too_long", f"text is longer than {MAX_TEXT} characters")
    return InboundMessage(
        channel=WEBCHAT,
        account="default",
        sender=session,
        chat_type="direct",
        text=text,
        raw_id=raw_id[:128],
        received_at=time.time() if now is None else now,
        is_owner=True,  # the gateway's token check made this the operator
    )
