"""Whether each configured channel can run, decided before the gateway starts.

A channel the gateway has no adapter for, or one configured without the credentials
its transport needs, is a refusal with a fix (``channels.<id>...`` reason codes): a
security product must not start with a channel that silently never receives. A
channel the owner marked ``enabled: false`` is only a line in the start summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from clawkeep.channels.signal_address import daemon_address
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.decision import Deny
from clawkeep.phoneids import e164

__all__ = ["KNOWN_CHANNELS", "ChannelReadiness", "channel_readiness", "key_path"]

KNOWN_CHANNELS = ("webchat", "telegram", "webhook", "whatsapp", "signal")


def key_path(*parts: str) -> str:
    """A config key path as people read it (``channels.whatsapp.accounts.work``)."""
    return ".".join(parts)


@dataclass(frozen=True, slots=True)
class ChannelReadiness:
    """Refusals (the gateway must not start) and one summary line per channel account."""

    problems: tuple[Deny, ...]
    summary: tuple[str, ...]


def _whatsapp(where: str, cfg: ChannelAccessConfig) -> list[Deny]:
    missing = [
        key
        for key, value in (
            ("appSecret", cfg.app_secret),
            ("verifyToken", cfg.verify_token),
            ("accessToken", cfg.access_token),
            ("phoneNumberId", cfg.phone_number_id),
        )
        if value is None
    ]
    if not missing:
        return []
    return [
        Deny(
            "channels.whatsapp.not_configured",
            f"{where} is missing {', '.join(missing)}: set them (secrets as ${{ENV}}) "
            "or set enabled: false",
        )
    ]


def _signal(where: str, cfg: ChannelAccessConfig) -> list[Deny]:
    out = []
    if cfg.account is None or e164(cfg.account) is None:
        out.append(
            Deny(
                "channels.signal.no_account",
                f"{where}.account must be the daemon's registered number (+E.164)",
            )
        )
    address = daemon_address(cfg)
    if isinstance(address, Deny):
        out.append(Deny(address.reason, f"{where}: {address.detail}"))
    return out


def _account(channel: str, where: str, cfg: ChannelAccessConfig) -> tuple[list[Deny], str]:
    if channel == "telegram":
        if cfg.bot_token is None:
            return [
                Deny("channels.telegram.no_token", f"{where}.botToken is not set (use ${{ENV}})")
            ], ""
        return [], f"{where}: polling getUpdates"
    if channel == "webhook":
        if cfg.secret is None:
            return [
                Deny(
                    "channels.webhook.no_secret",
                    f"{where}.secret is not set: nothing could be verified",
                )
            ], ""
        return [], f"{where}: signed webhook"
    if channel == "whatsapp":
        return _whatsapp(where, cfg), f"{where}: Cloud API webhook"
    if channel == "signal":
        return _signal(where, cfg), f"{where}: signal-cli daemon"
    return [], f"{where}: on"


def channel_readiness(config: RootConfig) -> ChannelReadiness:
    """Every configured channel and account, checked."""
    problems: list[Deny] = []
    summary: list[str] = []
    for channel, ch in sorted(config.channels.items()):
        where = key_path("channels", channel)
        if channel not in KNOWN_CHANNELS:
            if not ch.enabled:
                summary.append(f"{where}: disabled (clawkeep has no adapter for it)")
                continue
            problems.append(
                Deny(
                    "channels.unknown_channel",
                    f"{where}: clawkeep has no adapter for {channel!r} (it has: "
                    f"{', '.join(KNOWN_CHANNELS)}); remove it or set enabled: false",
                )
            )
            continue
        if not ch.enabled:
            summary.append(f"{where}: disabled")
            continue
        for name in ("default", *ch.accounts):
            cfg = ch.for_account(name)
            if cfg is None:
                continue
            label = where if name == "default" else f"{where}.accounts.{name}"
            if not cfg.enabled:
                summary.append(f"{label}: disabled")
                continue
            if (
                name == "default"
                and ch.accounts
                and channel != "webchat"
                and not _has_transport(cfg)
            ):
                continue  # a root that only holds shared settings for its accounts
            found, line = _account(channel, label, cfg)
            problems.extend(found)
            if not found:
                summary.append(line)
    return ChannelReadiness(tuple(problems), tuple(summary))


def _has_transport(cfg: ChannelAccessConfig) -> bool:
    return any(
        v is not None
        for v in (
            cfg.bot_token,
            cfg.secret,
            cfg.access_token,
            cfg.app_secret,
            cfg.account,
            cfg.http_url,
        )
    )
