"""The guards' --jsonl input: one answer line per input line, whatever the line holds."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from clawkeep.cli import main
from tests.fuzz.strategies import json_values, nesting_bomb

LINES = st.one_of(
    json_values(st.sampled_from(["input", "note", "text", "path", "fs", "op", "expect"])).map(
        json.dumps
    ),
    st.text(max_size=80).filter(lambda t: "\n" not in t and "\r" not in t),
    st.sampled_from([nesting_bomb(50_000), '{"input": ' + nesting_bomb(3000) + "}"]),
    st.builds(lambda s: json.dumps({"input": s}), st.text(max_size=80)),
)


def _batch(kind: str, lines: list[str], *extra: str) -> list[dict[str, Any]]:
    stdin = "".join(line + "\n" for line in lines)
    result = CliRunner().invoke(main, ["guard", kind, "--jsonl", *extra], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1, 2)
    # Records end with "\n" only (a record's text may hold U+0085 or U+2028).
    records = [json.loads(line) for line in result.stdout.split("\n") if line.startswith("{")]
    judged = [line for line in lines if line.strip()]
    assert len(records) == len(judged)
    return records


@given(st.lists(LINES, min_size=1, max_size=4))
def test_guard_url_jsonl(lines: list[str]) -> None:
    _batch("url", lines, "--no-dns")


@given(st.lists(LINES, min_size=1, max_size=4))
def test_guard_command_jsonl(lines: list[str]) -> None:
    _batch("command", lines)


@given(st.lists(LINES, min_size=1, max_size=3))
def test_guard_path_jsonl(lines: list[str]) -> None:
    _batch("path", lines)
