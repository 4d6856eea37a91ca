"""`clawkeep guard text`: ask the channel-guard (or content-guard) about a text.

Exit 0 allowed or flagged, 1 blocked, 2 bad usage or unreadable input lines (``--jsonl``).
With ``--jsonl``, each stdin line is a JSON object with ``text`` (or ``input``); each output
line is ``{"verdict", "score", "reason"}`` in the same order.
"""

from __future__ import annotations

import asyncio
import json
import sys

import click
from pydantic import ValidationError

from clawkeep.cli._jsonl import parse_line
from clawkeep.config.schema.guard_text import ChannelGuardConfig, ContentGuardConfig
from clawkeep.guards.injection import TextVerdict

__all__ = ["text"]


def _record_text(line: str) -> str:
    record = parse_line(line)
    if not isinstance(record, dict):
        raise TypeError("not a JSON object")
    value = record.get("text", record.get("input"))
    if not isinstance(value, str):
        raise TypeError("no 'text' or 'input' string")
    return value


class _Checker:
    def __init__(self, source: str | None, channel: str | None, thresholds: dict[str, float]):
        self._source = source
        self._channel = channel
        if source is None:
            from clawkeep.guards.channel_guard import ChannelGuard

            self._channel_guard = ChannelGuard(ChannelGuardConfig(**thresholds))
        else:
            from clawkeep.guards.content_guard import ContentGuard

            self._content_guard = ContentGuard(ContentGuardConfig(**thresholds))

    def __call__(self, value: str) -> TextVerdict:
        return self.many([value])[0]

    def many(self, values: list[str]) -> list[TextVerdict]:
        if self._source is None:
            return self._channel_guard.scan_many(values, channel=self._channel)
        return asyncio.run(self._gather(values, self._source))

    async def _gather(self, values: list[str], source: str) -> list[TextVerdict]:
        checks = (self._content_guard.check(v, source=source) for v in values)
        return list(await asyncio.gather(*checks))  # queued checks share model batches


def _out(verdict: TextVerdict) -> str:
    return json.dumps(
        {"verdict": verdict.verdict, "score": round(verdict.score, 4), "reason": verdict.reason}
    )


_CHUNK = 64


def _flush(check: _Checker, pending: list[str | None]) -> None:
    values = [v for v in pending if v is not None]
    verdicts = iter(check.many(values) if values else [])
    for value in pending:
        if value is None:
            click.echo(json.dumps({"verdict": "error", "score": 0.0, "reason": "cli.bad_line"}))
        else:
            click.echo(_out(next(verdicts)))
    pending.clear()


def _run_jsonl(check: _Checker) -> int:
    status = 0
    pending: list[str | None] = []  # None: a bad line, answered in place to keep the order
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            pending.append(_record_text(line))
        except (ValueError, TypeError) as exc:
            click.echo(f"stdin line {number}: {exc}", err=True)
            pending.append(None)
            status = 2
        if len(pending) >= _CHUNK:
            _flush(check, pending)
    _flush(check, pending)
    return status


@click.command()
@click.argument("value", metavar="TEXT", required=False)
@click.option("--jsonl", is_flag=True, help="Read JSON lines with 'text' or 'input' on stdin.")
@click.option("--channel", default=None, help="Apply this channel's overrides (channel-guard).")
@click.option("--source", default=None, help="Judge as tool/agent content from SOURCE instead.")
@click.option("--block-threshold", type=float, default=None, help="Model score that blocks.")
@click.option("--flag-threshold", type=float, default=None, help="Model score that flags.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
def text(
    value: str | None,
    jsonl: bool,
    channel: str | None,
    source: str | None,
    block_threshold: float | None,
    flag_threshold: float | None,
    as_json: bool,
) -> None:
    """Say whether TEXT would be allowed, flagged or blocked as a prompt injection."""
    if jsonl == (value is not None):
        raise click.UsageError("give either a TEXT or --jsonl (records on stdin)")
    thresholds = {
        k: v
        for k, v in (("block_threshold", block_threshold), ("flag_threshold", flag_threshold))
        if v is not None
    }
    try:
        check = _Checker(source, channel, thresholds)
    except ValidationError as exc:
        raise click.UsageError(exc.errors()[0]["msg"]) from None
    if jsonl:
        sys.exit(_run_jsonl(check))
    assert value is not None
    verdict = check(value)
    if as_json:
        click.echo(_out(verdict))
    else:
        detail = f" ({verdict.detail})" if verdict.detail else ""
        click.echo(f"{verdict.verdict} {verdict.score:.3f} {verdict.reason}{detail}")
    sys.exit(1 if verdict.blocked else 0)
