"""Shared fixtures: a private temporary install and the repository's shared corpora."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    """An empty state dir, 0700, like a fresh install."""
    path = tmp_path / "state"
    path.mkdir(mode=0o700)
    return path


@pytest.fixture
def write_config(state_dir: Path) -> Callable[..., Path]:
    """Write a config file into the state dir (0600 unless told otherwise)."""

    def write(text: str, name: str = "clawkeep.json", mode: int = 0o600) -> Path:
        path = state_dir / name
        path.write_text(text, encoding="utf-8")
        path.chmod(mode)
        return path

    return write
