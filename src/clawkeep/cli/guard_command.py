"""`clawkeep guard command CMD`: ask the command-guard for its verdict (exit 0 allow, 1 block).

The context comes from the options: ``--egress`` (the default, so the verdict shows the
command's own classes; ``--no-egress`` judges as a network-less agent would be),
``--workspace`` (default: the current directory), ``--home`` and ``--state-dir``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from clawkeep.cli._jsonl import BadLineError, emit_bad_line, parse_line
from clawkeep.guards.command_guard import CommandContext, CommandVerdict, judge

__all__ = ["command"]


def _record(text: str, verdict: CommandVerdict) -> dict[str, object]:
    return {
        "input": text,
        "verdict": "allow" if verdict.allowed else "block",
        "reason": verdict.reason,
    }


@click.command("command")
@click.argument("cmd", required=False)
@click.option("--jsonl", is_flag=True, help="Read corpus lines on stdin, write one verdict a line.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict and all findings as JSON.")
@click.option("--egress/--no-egress", default=True, help="Whether the agent may use the network.")
@click.option("--workspace", type=click.Path(path_type=Path), default=None)
@click.option("--home", type=click.Path(path_type=Path), default=None)
@click.option("--state-dir", type=click.Path(path_type=Path), default=None)
def command(
    cmd: str | None,
    jsonl: bool,
    as_json: bool,
    egress: bool,
    workspace: Path | None,
    home: Path | None,
    state_dir: Path | None,
) -> None:
    """Judge the shell command CMD (or corpus lines on stdin with --jsonl)."""
    ctx = CommandContext(
        egress=egress,
        workspace=(workspace or Path.cwd()).absolute(),
        home=(home or Path.home()).absolute(),
        state_dir=(state_dir or Path.home() / ".clawkeep").absolute(),
    )
    if jsonl:
        sys.exit(_batch(ctx))
    if cmd is None:
        raise click.UsageError("give a command to judge, or --jsonl to read lines on stdin")
    verdict = judge(cmd, ctx)
    if as_json:
        record = _record(cmd, verdict)
        record["detail"] = verdict.detail
        record["findings"] = [{"reason": f.reason, "detail": f.detail} for f in verdict.findings]
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        word = "allow" if verdict.allowed else "block"
        click.echo(f"{word} {verdict.reason}" + (f": {verdict.detail}" if verdict.detail else ""))
    sys.exit(0 if verdict.allowed else 1)


def _batch(ctx: CommandContext) -> int:
    status = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = parse_line(line)
            text = item["input"] if isinstance(item, dict) else item
        except BadLineError as exc:
            emit_bad_line(number, str(exc))
            status = 2
            continue
        except KeyError:
            emit_bad_line(number, "not a corpus line: no 'input'")
            status = 2
            continue
        if not isinstance(text, str):
            emit_bad_line(number, "input must be a string")
            status = 2
            continue
        click.echo(json.dumps(_record(text, judge(text, ctx)), ensure_ascii=False))
    return status
