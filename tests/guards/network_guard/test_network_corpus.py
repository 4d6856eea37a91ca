"""The shared SSRF corpus: every core case exactly; strict cases by the stated policy."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from clawkeep.guards.network_guard import NetworkPolicy, check_url

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "ssrf.jsonl"
if not CORPUS.exists():  # the repository may sit elsewhere; the shared folder is a sibling
    CORPUS = Path("/work/shared/corpora/ssrf.jsonl")

# Strict-tier cases where clawkeep's policy deliberately differs from the corpus:
# any '@' in the authority is refused (userinfo), even where WHATWG would find a public host.
POLICY_DIFFERS = {"http://google.com:80+&@google.com:80#+@127.88.23.245:22/"}


def _records(tier: str) -> list[dict[str, Any]]:
    if not CORPUS.exists():
        return []
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    return [row for row in rows if row["tier"] == tier]


def _resolver(note: str) -> Callable[[str], Sequence[str]]:
    match = re.search(r"\[dns->([^\]\s]+)\]", note)

    def resolve(host: str) -> Sequence[str]:
        if match is None:
            raise OSError("no DNS in the test harness")  # unmarked names fail closed
        return ["93.184.216.34" if match.group(1) == "public" else match.group(1)]

    return resolve


def _verdict(row: dict[str, Any]) -> str:
    decision = check_url(row["input"], NetworkPolicy(), _resolver(row["note"]))
    return "allow" if decision.allowed else "block"


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize("row", _records("core"), ids=lambda row: repr(row["input"])[:60])
def test_core_corpus_case(row: dict[str, Any]) -> None:
    assert _verdict(row) == row["expect"], row["note"]


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize("row", _records("strict"), ids=lambda row: repr(row["input"])[:60])
def test_strict_corpus_case(row: dict[str, Any]) -> None:
    expected = row["expect"]
    if row["input"] in POLICY_DIFFERS:
        expected = "block" if expected == "allow" else "allow"
    assert _verdict(row) == expected, row["note"]
