"""The guards' default thresholds are the ones the trainer chose on validation data
(``training/injection/data2/thresholds.json``), each rounded up to four decimals: a retrained
model shipped without its thresholds, or a default edited by hand, fails here."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from clawkeep.config.schema import guard_text

CHOSEN = Path(__file__).resolve().parents[3] / "training/injection/data2/thresholds.json"


def _up(value: float) -> float:
    return math.ceil(value * 10_000) / 10_000


@pytest.mark.parametrize(
    ("head", "line", "default"),
    [
        ("chat", "flag", guard_text.DEFAULT_FLAG_THRESHOLD),
        ("chat", "block", guard_text.DEFAULT_BLOCK_THRESHOLD),
        ("tool", "flag", guard_text.DEFAULT_CONTENT_FLAG_THRESHOLD),
        ("tool", "block", guard_text.DEFAULT_CONTENT_BLOCK_THRESHOLD),
    ],
)
def test_default_threshold_is_the_one_chosen_on_validation(
    head: str, line: str, default: float
) -> None:
    chosen = json.loads(CHOSEN.read_text(encoding="utf-8"))["thresholds"][head][line]
    assert default == _up(chosen)
