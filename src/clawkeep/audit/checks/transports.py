"""Channel transports: the Signal daemon off this machine, WhatsApp without a signature key."""

from __future__ import annotations

from collections.abc import Iterator

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding
from clawkeep.audit.registry import CheckSpec, check
from clawkeep.channels.signal_address import daemon_address
from clawkeep.decision import Deny

__all__ = ["transports"]


@check(
    CheckSpec(
        "channels.signal.remote_daemon",
        "warn",
        "The Signal daemon is not on this machine",
    ),
    CheckSpec(
        "channels.whatsapp.unsigned",
        "critical",
        "WhatsApp events cannot be verified",
    ),
)
def transports(ctx: AuditContext) -> Iterator[Finding]:
    signal = ctx.config.channels.get("signal")
    if signal is not None and signal.enabled:
        for name in ("default", *signal.accounts):
            cfg = signal.for_account(name)
            address = daemon_address(cfg) if cfg is not None and cfg.enabled else None
            if address is None or isinstance(address, Deny) or address.local:
                continue
            where = "channels.signal" if name == "default" else f"channels.signal.accounts.{name}"
            yield Finding(
                "channels.signal.remote_daemon",
                "warn",
                "The Signal daemon is not on this machine",
                f"{where}.httpUrl points off this machine ({address.base_url}): the daemon holds "
                "the account's keys and every message, and its HTTP API has no authentication.",
                f"Run signal-cli on this machine (127.0.0.1 or a unix socket) and remove "
                f"{where}.allowRemoteDaemon.",
            )
    whatsapp = ctx.config.channels.get("whatsapp")
    if whatsapp is not None and whatsapp.enabled and whatsapp.app_secret is None:
        yield Finding(
            "channels.whatsapp.unsigned",
            "critical",
            "WhatsApp events cannot be verified",
            "channels.whatsapp has no appSecret: no event's X-Hub-Signature-256 can be "
            "checked, so the gateway refuses to start (and would accept nothing).",
            "Set channels.whatsapp.appSecret to ${WHATSAPP_APP_SECRET} (the Meta app's secret).",
        )
