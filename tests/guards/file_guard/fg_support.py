"""Shared fixtures of the file-guard tests: both resolvers, real scenarios under tmp dirs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clawkeep.guards.file_guard import FilePolicy
from clawkeep.guards.file_guard._openat2 import AVAILABLE
from clawkeep.guards.file_guard.scenario import OUTSIDE_SECRET, Scenario

__all__ = [
    "BACKENDS",
    "CORPUS",
    "OUTSIDE_SECRET",
    "backend",
    "corpus_cases",
    "scenario",
]

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "paths.jsonl"

BACKENDS = [
    pytest.param(
        "openat2",
        marks=pytest.mark.skipif(not AVAILABLE, reason="this kernel has no openat2"),
    ),
    "walk",
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Every test runs on openat2 and on the fallback fd walk."""
    value: str = request.param
    return value


@pytest.fixture
def scenario() -> Iterator[Scenario]:
    with Scenario.create() as built:
        yield built


def policy(sc: Scenario, backend: str, **kwargs: Any) -> FilePolicy:
    return FilePolicy(root=sc.root, backend=backend, **kwargs)  # type: ignore[arg-type]


def corpus_cases(tier: str) -> list[Any]:
    """Corpus lines of one tier as pytest params (skipped if the corpus is absent)."""
    if not CORPUS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no corpus at {CORPUS}"))]
    cases = []
    for number, line in enumerate(CORPUS.read_text().splitlines(), start=1):
        record = json.loads(line)
        if record["tier"] == tier:
            cases.append(pytest.param(record, id=f"line{number}-{record['note'][:40]}"))
    return cases
