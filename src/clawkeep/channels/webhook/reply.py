"""Replies on the signed webhook: POSTed to the account's callbackUrl, signed the same way.

The callback goes through the network-guard (``guards.network``): a callback URL that
points at loopback, the private network or cloud metadata is refused unless the
operator widened the policy explicitly (``allowPrivateNetwork`` / ``allowCidrs``).
"""

from __future__ import annotations

import json

import httpx2

from clawkeep.channels.webhook.verify import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from clawkeep.contracts import OutboundReply
from clawkeep.decision import Allow, Deny
from clawkeep.guards.network_guard import NetworkPolicy, Resolver, fetch

__all__ = ["deliver_reply", "reply_body"]


def reply_body(reply: OutboundReply) -> bytes:
    body = {"account": reply.account, "to": reply.to, "text": reply.text}
    if reply.thread is not None:
        body["thread"] = reply.thread
    if reply.reply_to is not None:
        body["replyTo"] = reply.reply_to
    return json.dumps(body, ensure_ascii=False).encode()


async def deliver_reply(
    url: str,
    reply: OutboundReply,
    secret: bytes,
    policy: NetworkPolicy,
    *,
    now: float,
    resolver: Resolver | None = None,
) -> Allow | Deny:
    """POST ``reply`` to ``url``; the answer says whether the bridge took it."""
    body = reply_body(reply)
    ts = int(now)
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(ts),
        SIGNATURE_HEADER: sign(secret, ts, body),  # the bridge can verify us, too
    }
    try:
        result = await fetch(
            url, policy, method="POST", headers=headers, body=body, resolver=resolver
        )
    except (httpx2.HTTPError, TimeoutError) as exc:
        return Deny("channels.webhook.callback_failed", type(exc).__name__)
    if isinstance(result, Deny):
        return result
    if not 200 <= result.status < 300:
        return Deny("channels.webhook.callback_status", f"HTTP {result.status}")
    return Allow("channels.webhook.reply_sent")
