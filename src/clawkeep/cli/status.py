"""`clawkeep status [--json]`: is the gateway up, since when, and what waits for the owner.

Reads only local files (the gateway's state file, the pairing store, the event log's
tail) plus one GET of the gateway's health route: fast, and never a secret printed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import click

from clawkeep.cli._common import config_options, install_paths
from clawkeep.cli._display import printable

__all__ = ["status"]

_TAIL_BYTES = 512 * 1024


def _last_blocked(events: Path) -> dict[str, Any] | None:
    try:
        with events.open("rb") as fh:
            fh.seek(max(0, events.stat().st_size - _TAIL_BYTES))
            lines = fh.read().splitlines()
    except OSError:
        return None
    for raw in reversed(lines):
        try:
            rec = json.loads(raw)
        except ValueError:
            continue
        if not isinstance(rec, dict):
            continue  # a damaged line is skipped, not a traceback
        if rec.get("kind") == "inbound.channel_guard" and rec.get("verdict") != "flag":
            return {
                "at": rec.get("ts"),
                "channel": rec.get("channel"),
                "sender": rec.get("sender"),
                "reason": rec.get("reason"),
            }
    return None


def _health(addresses: tuple[tuple[str, int], ...]) -> bool:
    import http.client

    for host, port in addresses:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=1.0)
            conn.request("GET", "/health")
            ok = conn.getresponse().status == 200
            conn.close()
            if ok:
                return True
        except OSError:
            continue
    return False


@click.command()
@config_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def status(config_path: Path | None, openclaw: bool, as_json: bool) -> None:
    """Is the gateway up, since when; channels; pending pairings; the last blocked message.

    Example: clawkeep status --json
    """
    from clawkeep.gateway.statefile import read_state

    paths = install_paths(config_path, openclaw)
    state = read_state(paths.state_dir)
    running = state is not None and state.alive() and _health(state.addresses)
    out: dict[str, Any] = {
        "gateway": "running" if running else ("stale" if state is not None else "stopped"),
        "since": state.started_at if running and state else None,
        "addresses": [f"{h}:{p}" for h, p in state.addresses] if running and state else [],
        "pid": state.pid if running and state else None,
    }
    out["channels"] = _channels(paths)
    out["pendingPairings"] = _pending(paths.state_dir)
    out["pendingApprovals"] = _approvals(paths.state_dir)
    out["lastBlocked"] = _last_blocked(paths.logs_dir / "events.jsonl")
    if as_json:
        click.echo(json.dumps(out))
        return
    if running and state is not None:
        up = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(state.started_at))
        click.echo(
            f"gateway: running since {up} (pid {state.pid}) on {', '.join(out['addresses'])}"
        )
    elif state is not None:
        click.echo("gateway: not running (a stale state file from a crash; start it again)")
    else:
        click.echo("gateway: not running (start it with: clawkeep gateway run)")
    # Sender ids and event fields come from strangers: shown without control sequences.
    for line in out["channels"]:
        click.echo(f"channel {printable(line)}")
    click.echo(f"pending pairing requests: {len(out['pendingPairings'])}")
    for p in out["pendingPairings"]:
        click.echo(f"  {printable(p['channel'])} {printable(p['sender'])} (clawkeep pairing list)")
    click.echo(f"calls waiting for your approval: {len(out['pendingApprovals'])}")
    for a in out["pendingApprovals"]:
        click.echo(f"  {a['tool']} for agent {a['agent']} ({a['reason']}): /approvals in your chat")
    blocked = out["lastBlocked"]
    if blocked:
        try:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(float(blocked["at"] or 0)))
        except (TypeError, ValueError, OverflowError, OSError):
            when = "????-??-?? ??:??"
        click.echo(
            f"last blocked message: {when} {printable(blocked['channel'])} from "
            f"{printable(blocked['sender'])} ({printable(blocked['reason'])})"
        )


def _channels(paths: Any) -> list[str]:
    from clawkeep.channels.readiness import channel_readiness
    from clawkeep.config import ConfigError, load_config

    try:
        config = load_config(paths, strict=False, env=os.environ).config
    except ConfigError:
        return ["(the config cannot be read: clawkeep doctor says why)"]
    ready = channel_readiness(config)
    return [*ready.summary, *(f"{d.reason}: {d.detail}" for d in ready.problems)]


def _approvals(state_dir: Path) -> list[dict[str, Any]]:
    if not (state_dir / "approvals.sqlite").exists():
        return []  # never create the store just to look
    from clawkeep.approvals import ApprovalStore

    store = ApprovalStore.open(state_dir)
    try:
        return [
            {"tool": p.tool, "agent": p.agent, "reason": p.reason, "kind": p.kind}
            for p in store.pending()
        ]
    finally:
        store.close()


def _pending(state_dir: Path) -> list[dict[str, Any]]:
    if not (state_dir / "credentials" / "pairing.sqlite").exists():
        return []
    from clawkeep.access.pairing import PairingStore

    store = PairingStore.open(state_dir)
    try:
        return [
            {
                "channel": p.channel,
                "account": p.account,
                "sender": p.sender,
                "expiresAt": p.expires_at,
            }
            for p in store.pending()
        ]
    finally:
        store.close()
