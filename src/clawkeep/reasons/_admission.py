"""Reason codes of who is admitted: accounts and channels, direct-message and group
policies, pairing, routing to an agent, and discovery on the network. Part of the registry
in ``clawkeep.reasons``."""

from __future__ import annotations

from clawkeep.reasons._reason import Reason

__all__ = ["ADMISSION"]

ADMISSION: dict[str, Reason] = {
    "access.account.unknown": Reason("the message names an account the channel does not have"),
    "access.channel.disabled": Reason("the channel or account is disabled"),
    "access.channel.not_configured": Reason("a channel nobody configured admits nobody"),
    "access.dm.allowed": Reason("the sender is listed in allowFrom: admitted"),
    "access.dm.approved": Reason(
        "dmPolicy pairing and the sender's pairing was approved: admitted"
    ),
    "access.dm.disabled": Reason(
        "dmPolicy disabled: every direct message is dropped", "channels.<ch>.dm.disabled"
    ),
    "access.dm.not_allowed": Reason(
        'not listed; allowlist (or open without "*") never consults pairing: dropped'
    ),
    "access.dm.open": Reason(
        'dmPolicy open with "*" in allowFrom: anyone is admitted', "channels.<ch>.dm.open"
    ),
    "access.group.allowed": Reason(
        "the group message passed groupPolicy, the sender list and mention gating"
    ),
    "access.group.disabled": Reason("groupPolicy disabled, or this group is disabled: dropped"),
    "access.group.missing_id": Reason("a group message without a group id: dropped"),
    "access.group.no_mention": Reason(
        "the group requires a mention and the agent was not mentioned: dropped"
    ),
    "access.group.not_allowed": Reason(
        "groupPolicy allowlist and the group is not a key of groups: dropped"
    ),
    "access.group.sender_not_allowed": Reason(
        "the sender is not in the group's sender list: dropped"
    ),
    "access.message.group_allowed": Reason(
        "the agent may message this group: a key of groups, groupPolicy not disabled"
    ),
    "access.message.group_disabled": Reason(
        "the agent may not message this group: groupPolicy or the group is disabled"
    ),
    "access.message.stranger": Reason(
        "the agent may not message them: dmPolicy does not admit them now (open is not enough)"
    ),
    "access.owner": Reason(
        "the web chat operator (authenticated with the gateway token) is the owner: admitted"
    ),
    "access.pairing.approved": Reason("the operator approved a pairing code"),
    "access.pairing.bad_code": Reason("no pending request has this code"),
    "access.pairing.cap_reached": Reason(
        "too many pending pairing requests: dropped without a code"
    ),
    "access.pairing.code_issued": Reason(
        "an unknown sender under dmPolicy pairing got a one-hour pairing code"
    ),
    "access.pairing.expired": Reason("the code has expired"),
    "access.pairing.locked_out": Reason("too many wrong codes"),
    "access.pairing.not_found": Reason("nothing to revoke for that sender"),
    "access.pairing.pending": Reason("the sender already holds a pending code: no second reply"),
    "access.pairing.revoked": Reason("the operator revoked a sender's approval"),
    "channels.notify.failed": Reason("the approval notice could not be sent on the channel"),
    "channels.notify.not_configured": Reason("the channel to notify on is not configured"),
    "channels.notify.sent": Reason("the approval notice was sent"),
    "channels.notify.unsupported": Reason("this channel cannot send a notice"),
    "channels.signal.bad_url": Reason(
        "signal-cli's httpUrl is neither http(s)://host:port nor unix:/absolute/path"
    ),
    "channels.signal.daemon_not_owned": Reason(
        "the signal-cli daemon's socket is not owned by channels.signal.daemonUid "
        "(default: the gateway's uid): another user could forge senders; not used"
    ),
    "channels.signal.handler_failed": Reason("a Signal message's turn failed; the channel goes on"),
    "channels.signal.malformed": Reason(
        "a signal-cli event of a shape clawkeep does not know: dropped"
    ),
    "channels.signal.no_account": Reason(
        "channels.signal.account (the registered +number) is missing: the gateway will not start"
    ),
    "channels.signal.no_text": Reason("a Signal message without text: dropped"),
    "channels.signal.remote_daemon": Reason(
        "the signal-cli daemon is not on this machine and allowRemoteDaemon is off: refused",
        "channels.signal.remote_daemon",
    ),
    "channels.signal.replay": Reason(
        "a Signal message already handled (same sender and timestamp): dropped"
    ),
    "channels.signal.send_failed": Reason("signal-cli's send failed"),
    "channels.signal.stream_closed": Reason(
        "signal-cli's event stream ended: reconnecting with backoff"
    ),
    "channels.signal.stream_failed": Reason(
        "signal-cli's event stream failed: reconnecting with backoff"
    ),
    "channels.telegram.no_token": Reason(
        "a Telegram account without botToken: the gateway will not start"
    ),
    "channels.unknown_channel": Reason(
        "a configured channel clawkeep has no adapter for: the gateway will not start"
    ),
    "channels.whatsapp.account_name": Reason(
        "a WhatsApp account name that cannot be a path segment: not served"
    ),
    "channels.whatsapp.bad_signature": Reason(
        "X-Hub-Signature-256 does not match the body: dropped before parsing"
    ),
    "channels.whatsapp.bad_signature_header": Reason(
        "X-Hub-Signature-256 missing or malformed: dropped before parsing"
    ),
    "channels.whatsapp.bad_subscription": Reason(
        "a subscription handshake that is not hub.mode=subscribe with a plain challenge"
    ),
    "channels.whatsapp.bad_verify_token": Reason(
        "the handshake's hub.verify_token does not match: refused"
    ),
    "channels.whatsapp.handler_failed": Reason(
        "a WhatsApp message's turn failed; the channel goes on"
    ),
    "channels.whatsapp.malformed": Reason(
        "a signed body of a shape clawkeep does not know: dropped"
    ),
    "channels.whatsapp.no_access_token": Reason("no accessToken: the reply cannot be sent"),
    "channels.whatsapp.no_app_secret": Reason(
        "no appSecret: no event can be verified, so none is accepted",
        "channels.whatsapp.unsigned",
    ),
    "channels.whatsapp.no_verify_token": Reason("no verifyToken: the handshake is refused"),
    "channels.whatsapp.not_configured": Reason(
        "a WhatsApp account missing appSecret, verifyToken, accessToken or "
        "phoneNumberId: the gateway will not start"
    ),
    "channels.whatsapp.other_number": Reason(
        "an event for another phone number of the app: not this account's"
    ),
    "channels.whatsapp.replay": Reason(
        "a WhatsApp message id already seen (a retry or a replay): dropped"
    ),
    "channels.whatsapp.send_failed": Reason("the Graph API refused or failed the reply"),
    "channels.whatsapp.stale": Reason(
        "a message older than Meta's 7-day retry window: dropped as a replay"
    ),
    "channels.whatsapp.subscribed": Reason("the subscription handshake succeeded"),
    "channels.whatsapp.too_large": Reason("a webhook body over 1 MiB: refused before verification"),
    "channels.whatsapp.unknown_account": Reason(
        "a WhatsApp path for an account that is not configured"
    ),
    "channels.whatsapp.unsupported_object": Reason(
        "a signed event that is not a WhatsApp business event: dropped"
    ),
    "channels.whatsapp.unsupported_type": Reason("a WhatsApp message that is not text: dropped"),
    "channels.whatsapp.verified": Reason("the event's signature is right"),
    "channels.telegram.from_bot": Reason("message has no human sender"),
    "channels.telegram.handler_failed": Reason("channels.telegram.handler_failed"),
    "channels.telegram.malformed": Reason("a Telegram update that does not parse: dropped"),
    "channels.telegram.no_text": Reason("message has no text"),
    "channels.telegram.poll_failed": Reason("channels.telegram.poll_failed"),
    "channels.telegram.send_failed": Reason("channels.telegram.send_failed"),
    "channels.telegram.unsupported_chat": Reason("channel posts are not handled"),
    "channels.telegram.unsupported_update": Reason("not a new message"),
    "channels.webchat.malformed": Reason("frame type is not chat"),
    "channels.webchat.too_long": Reason("a web chat message over the length cap: refused"),
    "channels.webhook.account_name": Reason("channels.webhook.account_name"),
    "channels.webhook.bad_headers": Reason("timestamp or signature header malformed"),
    "channels.webhook.bad_signature": Reason("signature does not match"),
    "channels.webhook.callback_failed": Reason(
        "the reply could not be delivered to the webhook callback"
    ),
    "channels.webhook.callback_status": Reason(
        "the webhook callback answered with an error status"
    ),
    "channels.webhook.malformed": Reason("a signed webhook body that does not parse: refused"),
    "channels.webhook.no_callback": Reason("channels.webhook.no_callback"),
    "channels.webhook.no_secret": Reason("the account has no secret"),
    "channels.webhook.replay": Reason("this signature was already used"),
    "channels.webhook.reply_sent": Reason("the reply was delivered to the webhook callback"),
    "channels.webhook.stale": Reason("timestamp outside the 5-minute window"),
    "channels.webhook.too_large": Reason(
        "a webhook body over the size cap: refused before verification"
    ),
    "channels.webhook.unknown_account": Reason(
        "the webhook names an account that is not configured"
    ),
    "channels.webhook.verified": Reason("the webhook signature and timestamp check out"),
    "discovery.loopback_only": Reason("the gateway listens on loopback only: nothing is announced"),
    "discovery.no_interface": Reason("no non-loopback address to announce the gateway on"),
    "discovery.off": Reason("discovery.mdns.mode is off: nothing is announced"),
    "pairing.unavailable": Reason("this gateway has no pairing store wired in"),
    "routing.default_agent": Reason("no choice made: the default agent answers"),
    "routing.not_owner": Reason(
        "a message that chose its agent or session is not the operator's: dropped"
    ),
    "routing.requested_agent": Reason("the operator chose the agent (client API, Control UI)"),
    "routing.unknown_agent": Reason("the operator chose an agent that is not configured"),
}
