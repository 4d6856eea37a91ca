"""The InboundMessage a client API request becomes.

The gateway's token authenticated the caller, so the message is the operator's own, on
the web chat channel (account ``api``): the pipeline admits it as the owner's and runs
every other stage on it (commands, the channel guard, routing, the agent turn, its tool
policy, guards and sandbox). The agent and session the client chose ride on the message;
routing honours them for owner messages only.
"""

from __future__ import annotations

import time
import uuid

from clawkeep.channels.webchat import OPERATOR, WEBCHAT
from clawkeep.contracts import InboundMessage

__all__ = ["API_ACCOUNT", "client_api_message"]

API_ACCOUNT = "api"


def client_api_message(
    text: str, *, agent: str, session: str | None, now: float | None = None
) -> InboundMessage:
    """The owner message for one authenticated request (``text`` already bounded)."""
    return InboundMessage(
        channel=WEBCHAT,
        account=API_ACCOUNT,
        sender=OPERATOR,
        chat_type="direct",
        text=text,
        raw_id=f"api-{uuid.uuid4().hex}",
        received_at=time.time() if now is None else now,
        is_owner=True,  # the gateway token was checked before this message was built
        agent=agent,
        session=session,
    )
