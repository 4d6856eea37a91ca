"""One `--jsonl` input line of the guard commands: parsed, or answered with an error record.

A bad line (not JSON, nested deeper than the parser's stack, the wrong shape) gets its own
error record on stdout, in order, and a sentence on stderr; the batch goes on.
"""

from __future__ import annotations

import json
from typing import Any

import click

__all__ = ["BadLineError", "emit_bad_line", "parse_line"]

_MAX_LINE_CHARS = 1024 * 1024


class BadLineError(ValueError):
    """This input line cannot be judged; str is why."""


def parse_line(line: str) -> Any:
    """The JSON value of ``line``, or BadLineError with a sentence."""
    if len(line) > _MAX_LINE_CHARS:
        raise BadLineError("the line is over 1 MiB")
    try:
        return json.loads(line)
    except RecursionError:
        # json.loads recurses once per nesting level: a deep line exhausts the stack.
        raise BadLineError("the JSON nests too deeply") from None
    except json.JSONDecodeError as exc:
        raise BadLineError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError as exc:
        raise BadLineError(f"not JSON ({exc})") from None


def emit_bad_line(number: int, why: str, **extra: Any) -> None:
    """Write the error record for line ``number`` (stdout) and the sentence (stderr)."""
    click.echo(f"stdin line {number}: {why}", err=True)
    record = {"line": number, "verdict": "error", "reason": "cli.bad_line", "error": why}
    click.echo(json.dumps({**record, **extra}, ensure_ascii=False))
