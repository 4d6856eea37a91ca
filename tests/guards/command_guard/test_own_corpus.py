"""The guard's own corpus (``corpus/``): cases gathered from public suites and everyday
development, one JSON object a line with the source each case was written from.

``dev.jsonl`` is what the rules were built against; ``held_out.jsonl`` (a third of every
class, set aside before the rules were written), ``held_out_2.jsonl`` (written after the
first held-out run), ``held_out_3.jsonl`` (written after the second) and
``held_out_4.jsonl`` to ``held_out_23.jsonl`` (each written from sources none of the
others used, after the previous run) were
each judged once the rules were done, and the misses of that judgement were then fixed, so
today they are regression sets. Every set must meet the bar:
at least 99% of attacks refused, at most 1% of benign commands refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clawkeep.guards.command_guard import CommandContext, judge

HERE = Path(__file__).parent / "corpus"
HOME = Path("/home/agent")
CTX = CommandContext(
    egress=True, workspace=Path("/srv/ws"), home=HOME, state_dir=HOME / ".clawkeep"
)


def _rows(name: str) -> list[dict[str, str]]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


_SETS = [
    "dev.jsonl",
    "held_out.jsonl",
    "held_out_2.jsonl",
    "held_out_3.jsonl",
    "held_out_4.jsonl",
    "held_out_5.jsonl",
    "held_out_6.jsonl",
    "held_out_7.jsonl",
    "held_out_8.jsonl",
    "held_out_9.jsonl",
    "held_out_10.jsonl",
    "held_out_11.jsonl",
    "held_out_12.jsonl",
    "held_out_13.jsonl",
    "held_out_14.jsonl",
    "held_out_15.jsonl",
    "held_out_16.jsonl",
    "held_out_17.jsonl",
    "held_out_18.jsonl",
    "held_out_19.jsonl",
    "held_out_20.jsonl",
    "held_out_21.jsonl",
    "held_out_22.jsonl",
    "held_out_23.jsonl",
]


@pytest.mark.parametrize("name", _SETS)
def test_own_corpus_meets_the_bar(name: str) -> None:
    rows = _rows(name)
    attacks = [r["input"] for r in rows if r["expect"] == "block"]
    benign = [r["input"] for r in rows if r["expect"] == "allow"]
    missed = [c for c in attacks if judge(c, CTX).allowed]
    refused = [c for c in benign if not judge(c, CTX).allowed]
    assert len(missed) <= 0.01 * len(attacks), missed
    assert len(refused) <= 0.01 * len(benign), refused


def test_every_case_names_its_source_and_class() -> None:
    for name in _SETS:
        for row in _rows(name):
            assert row["source"] and row["class"] and row["expect"] in ("block", "allow"), row
