"""Tell a newly approved sender that they may now talk to the agent (`pairing approve --notify`).

Sends one fixed text through the channel's own transport: Telegram's sendMessage,
WhatsApp's Graph API, signal-cli's ``send``, or the signed webhook's callback (through
the network-guard). Other channels cannot be
reached from the command line and answer ``channels.notify.unsupported``.
"""

from __future__ import annotations

import time

from clawkeep.channels.signal import SIGNAL, SignalClient, SignalError, daemon_address
from clawkeep.channels.telegram import TELEGRAM, TelegramClient, TelegramError
from clawkeep.channels.webhook import WEBHOOK, deliver_reply
from clawkeep.channels.whatsapp import WHATSAPP, WhatsAppError, graph_client
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import OutboundReply
from clawkeep.decision import Allow, Deny
from clawkeep.guards.network_guard import policy_from_config
from clawkeep.phoneids import e164

__all__ = ["APPROVED_TEXT", "notify_approved", "send_text"]

APPROVED_TEXT = "You are approved: you can now talk to this agent."


async def notify_approved(
    config: RootConfig, channel: str, account: str, sender: str
) -> Allow | Deny:
    """Send ``APPROVED_TEXT`` to ``sender`` on ``channel``/``account``."""
    return await send_text(config, channel, account, sender, APPROVED_TEXT)


async def send_text(
    config: RootConfig, channel: str, account: str, to: str, text: str
) -> Allow | Deny:
    """Send ``text`` to ``to`` through the channel's own transport."""
    ch = config.channels.get(channel)
    cfg = ch.for_account(account) if ch is not None else None
    if cfg is None:
        return Deny("channels.notify.not_configured", f"{channel}/{account} is not configured")
    if channel == TELEGRAM and cfg.bot_token is not None:
        client = TelegramClient(cfg.bot_token.get_secret_value(), cfg.api_base_url, poll_timeout=0)
        try:
            await client.send_message(to, text)
        except (TelegramError, ValueError) as exc:
            return Deny("channels.notify.failed", str(exc))
        finally:
            await client.aclose()
        return Allow("channels.notify.sent")
    if channel == WHATSAPP and cfg.access_token is not None and cfg.phone_number_id is not None:
        wa = graph_client(cfg)
        try:
            await wa.send_text(to, text, group=e164(to) is None)
        except WhatsAppError as exc:
            return Deny("channels.notify.failed", str(exc))
        finally:
            await wa.aclose()
        return Allow("channels.notify.sent")
    if channel == SIGNAL:
        address = daemon_address(cfg)
        if isinstance(address, Deny):
            return address
        sig = SignalClient(address)
        number = e164(to)
        try:
            if number is not None or to.startswith("uuid:"):
                await sig.send(cfg.account, text, recipient=number or to.removeprefix("uuid:"))
            else:
                await sig.send(cfg.account, text, group=to)
        except SignalError as exc:
            return Deny("channels.notify.failed", str(exc))
        finally:
            await sig.aclose()
        return Allow("channels.notify.sent")
    if channel == WEBHOOK and cfg.callback_url and cfg.secret is not None:
        reply = OutboundReply(WEBHOOK, account, to, text)
        return await deliver_reply(
            cfg.callback_url,
            reply,
            cfg.secret.get_secret_value().encode(),
            policy_from_config(config.guards.network),
            now=time.time(),
        )
    return Deny("channels.notify.unsupported", f"cannot send on {channel} from here")
