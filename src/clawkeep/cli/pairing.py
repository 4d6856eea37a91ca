"""`clawkeep pairing list|approve|revoke`: the operator's side of DM pairing.

Exit 0 done, 1 refused (wrong, expired or locked-out code; nothing to revoke),
2 bad usage or invalid config.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import click

from clawkeep.cli._common import config_options, fail_config, install_paths
from clawkeep.config import ConfigError, LoadedConfig, load_config

__all__ = ["pairing"]


def _load(config_path: Path | None, openclaw: bool) -> LoadedConfig:
    try:
        return load_config(install_paths(config_path, openclaw))
    except ConfigError as exc:
        fail_config(exc)
        raise  # unreachable: fail_config exits


def _show(text: str) -> str:
    # Sender ids and names come from strangers: no escape sequence reaches the terminal.
    return "".join(c if c.isprintable() else "?" for c in text)


def _when(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")


@click.group()
def pairing() -> None:
    """DM pairing requests: list them, approve a code, revoke a sender.

    Example: clawkeep pairing approve telegram ABCD2345 --notify
    """


@pairing.command("list")
@click.argument("channel", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@config_options
def list_(channel: str | None, as_json: bool, config_path: Path | None, openclaw: bool) -> None:
    """Pending requests (codes are stored hashed: the sender has the code) and approvals."""
    from clawkeep.access import PairingStore

    loaded = _load(config_path, openclaw)
    store = PairingStore.open(loaded.paths.state_dir)
    pending, approved = store.pending(channel), store.approved(channel)
    if as_json:
        out = {
            "pending": [
                {
                    "channel": p.channel,
                    "account": p.account,
                    "sender": p.sender,
                    "senderName": p.sender_name,
                    "createdAt": p.created_at,
                    "expiresAt": p.expires_at,
                }
                for p in pending
            ],
            "approved": [
                {
                    "channel": a.channel,
                    "account": a.account,
                    "sender": a.sender,
                    "approvedAt": a.approved_at,
                }
                for a in approved
            ],
        }
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"Pending ({len(pending)}):")
    for p in pending:
        name = f" ({_show(p.sender_name)})" if p.sender_name else ""
        where = _show(f"{p.channel}/{p.account}  {p.sender}")
        click.echo(f"  {where}{name}  expires {_when(p.expires_at)}")
    click.echo(f"Approved ({len(approved)}):")
    for a in approved:
        where = _show(f"{a.channel}/{a.account}  {a.sender}")
        click.echo(f"  {where}  since {_when(a.approved_at)}")


@pairing.command("approve")
@click.argument("channel")
@click.argument("code")
@click.option("--notify", is_flag=True, help="Tell the sender on the channel that they may talk.")
@config_options
def approve(
    channel: str, code: str, notify: bool, config_path: Path | None, openclaw: bool
) -> None:
    """Approve the sender who was given CODE on CHANNEL."""
    from clawkeep.access import AccessVerdict, PairingStore, channel_settings, dm_standing
    from clawkeep.decision import Deny
    from clawkeep.events.install import install_event_log

    loaded = _load(config_path, openclaw)
    events = install_event_log(loaded)
    store = PairingStore.open(loaded.paths.state_dir, events=events)
    result = store.approve(channel, code)
    if isinstance(result, Deny):
        click.echo(f"refused ({result.reason}): {result.detail}", err=True)
        raise SystemExit(1)
    account, sender = result.account, result.sender
    click.echo(_show(f"approved: {channel}/{account} {sender}"))
    # Access decides whether the approval lets them in; this command only reports it.
    cfg = channel_settings(loaded.config, channel, account)
    now = (
        cfg if isinstance(cfg, AccessVerdict) else dm_standing(sender, channel, account, cfg, store)
    )
    if now is None or not now.allowed:
        why = now.reason if now is not None else "access.pairing.pending"
        click.echo(
            f"note: access still drops direct messages from {_show(sender)} here ({why}); "
            f"the channel's dmPolicy or allowFrom decides, not this approval.",
            err=True,
        )
    if notify:
        from clawkeep.channels.notify import notify_approved

        sent = asyncio.run(notify_approved(loaded.config, channel, account, sender))
        events.emit("pairing.notify", sent.reason, channel=channel, sender=sender)
        click.echo(f"notify: {sent.reason}" + (f" ({sent.detail})" if sent.detail else ""))


@pairing.command("revoke")
@click.argument("channel")
@click.argument("sender")
@config_options
def revoke(channel: str, sender: str, config_path: Path | None, openclaw: bool) -> None:
    """Remove SENDER's approval (and any pending code) on CHANNEL."""
    from clawkeep.access import PairingStore
    from clawkeep.events.install import install_event_log

    loaded = _load(config_path, openclaw)
    events = install_event_log(loaded)
    removed = PairingStore.open(loaded.paths.state_dir, events=events).revoke(channel, sender)
    if not removed:
        click.echo(f"nothing to revoke for {sender} on {channel}", err=True)
        raise SystemExit(1)
    click.echo(f"revoked: {channel} {sender}")
