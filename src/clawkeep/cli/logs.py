"""`clawkeep logs [--follow] [--json] [--reason CODE] [--channel C]`: the event log.

The records on disk were redacted when they were written (``logging.redactSensitive``);
this command only reads and filters them. ``--reason`` matches a code or a prefix
(``channel_guard.`` shows every channel-guard decision).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from clawkeep.cli._common import config_options, install_paths
from clawkeep.cli._display import json_line, printable

__all__ = ["logs"]


def _keep(rec: dict[str, Any], reason: str | None, channel: str | None) -> bool:
    if reason is not None:
        code = str(rec.get("reason", ""))
        if not (code == reason or (reason.endswith(".") and code.startswith(reason))):
            return False
    return channel is None or rec.get("channel") == channel


def _show(rec: dict[str, Any], as_json: bool) -> str:
    # Records hold what strangers wrote: no control sequence reaches the operator's terminal.
    if as_json:
        return json_line(rec)
    try:
        ts = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(rec.get("ts", 0))))
    except (TypeError, ValueError, OverflowError, OSError):
        ts = "????-??-?? ??:??:??"
    rest = " ".join(
        f"{printable(k)}={printable(v)}"
        for k, v in rec.items()
        if k not in ("ts", "kind", "reason") and v is not None
    )
    return f"{ts} {printable(rec.get('reason', '?'))} [{printable(rec.get('kind', '?'))}] {rest}"


def _records(lines: list[bytes]) -> list[dict[str, Any]]:
    out = []
    for raw in lines:
        try:
            rec = json.loads(raw)
        except ValueError:
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out


@click.command()
@config_options
@click.option("--follow", "-f", is_flag=True, help="Keep printing new records (Ctrl-C stops).")
@click.option("--json", "as_json", is_flag=True, help="One JSON record per line.")
@click.option("--reason", default=None, help="A reason code, or a prefix ending in '.'.")
@click.option("--channel", default=None, help="Only this channel, e.g. telegram.")
@click.option("-n", "--lines", default=50, show_default=True, help="How many past records.")
def logs(
    config_path: Path | None,
    openclaw: bool,
    follow: bool,
    as_json: bool,
    reason: str | None,
    channel: str | None,
    lines: int,
) -> None:
    """Show the event log (redacted when written), newest last.

    Example: clawkeep logs --reason channel_guard. --channel telegram -n 20
    """
    path = install_paths(config_path, openclaw).logs_dir / "events.jsonl"
    try:
        with path.open("rb") as fh:
            past = _records(fh.read().splitlines())
            offset = fh.tell()
    except FileNotFoundError:
        past, offset = [], 0
        if not follow:
            click.echo(f"no event log yet at {path}", err=True)
            return
    chosen = [r for r in past if _keep(r, reason, channel)][-lines:] if lines > 0 else []
    for rec in chosen:
        click.echo(_show(rec, as_json))
    while follow:
        time.sleep(0.5)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        if size < offset:
            offset = 0  # rotated: the live file is new
        if size == offset:
            continue
        with path.open("rb") as fh:
            fh.seek(offset)
            chunk = fh.read()
        cut = chunk.rfind(b"\n") + 1
        offset += cut
        for rec in _records(chunk[:cut].splitlines()):
            if _keep(rec, reason, channel):
                click.echo(_show(rec, as_json), nl=True)
