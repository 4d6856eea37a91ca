"""One real, cheap call per configured channel account: are its credentials accepted?

Telegram ``getMe``, WhatsApp's phone-number read, signal-cli's ``version``. Used by
``clawkeep doctor``; errors never carry a credential (the clients guarantee it).
"""

from __future__ import annotations

from dataclasses import dataclass

from clawkeep.channels.readiness import channel_readiness, key_path
from clawkeep.channels.signal import SignalClient, SignalError, daemon_address
from clawkeep.channels.telegram import TelegramClient, TelegramError
from clawkeep.channels.whatsapp import WhatsAppError, graph_client
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.decision import Deny

__all__ = ["ChannelProbe", "probe_channels"]


@dataclass(frozen=True, slots=True)
class ChannelProbe:
    """One account's result: ``ok`` with what answered, or the failure and its fix."""

    where: str
    ok: bool
    detail: str
    fix: str = ""


async def _one(channel: str, where: str, cfg: ChannelAccessConfig) -> ChannelProbe | None:
    if channel == "telegram" and cfg.bot_token is not None:
        tg = TelegramClient(cfg.bot_token.get_secret_value(), cfg.api_base_url, poll_timeout=0)
        try:
            me = await tg.get_me()
        except TelegramError as exc:
            return ChannelProbe(where, False, str(exc), f"check {where}.botToken (BotFather)")
        finally:
            await tg.aclose()
        name = me.get("username") if isinstance(me, dict) else None
        return ChannelProbe(where, True, f"getMe answered as @{name}")
    if channel == "whatsapp" and cfg.access_token is not None and cfg.phone_number_id:
        wa = graph_client(cfg)
        try:
            number = await wa.number()
        except WhatsAppError as exc:
            return ChannelProbe(
                where, False, str(exc), f"check {where}.accessToken and {where}.phoneNumberId"
            )
        finally:
            await wa.aclose()
        return ChannelProbe(where, True, f"Graph API knows {number.get('display_phone_number')}")
    if channel == "signal":
        address = daemon_address(cfg)
        if isinstance(address, Deny):
            return ChannelProbe(where, False, address.detail, f"fix {where}.httpUrl")
        sig = SignalClient(address, read_timeout=10.0)
        try:
            version = await sig.rpc("version")
        except SignalError as exc:
            return ChannelProbe(
                where,
                False,
                str(exc),
                "start it: signal-cli -a +NUMBER daemon --http 127.0.0.1:8080 "
                "--receive-mode on-connection",
            )
        finally:
            await sig.aclose()
        shown = version.get("version") if isinstance(version, dict) else version
        return ChannelProbe(where, True, f"signal-cli {shown} answers")
    return None


async def probe_channels(config: RootConfig) -> list[ChannelProbe]:
    """Each enabled account's probe; configuration problems first, as failures."""
    out = [
        ChannelProbe(d.reason, False, d.detail, "see the message")
        for d in channel_readiness(config).problems
    ]
    for channel, ch in sorted(config.channels.items()):
        if not ch.enabled:
            continue
        for name in ("default", *ch.accounts):
            cfg = ch.for_account(name)
            if cfg is None or not cfg.enabled:
                continue
            where = (
                key_path("channels", channel)
                if name == "default"
                else key_path("channels", channel, "accounts", name)
            )
            probe = await _one(channel, where, cfg)
            if probe is not None:
                out.append(probe)
    return out
