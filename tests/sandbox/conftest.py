"""Fixtures for the sandbox tests: a state dir with secrets beside a workspace, a spec,
and a loud skip (with bubblewrap's own reason) where bubblewrap cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest

from clawkeep.decision import Deny
from clawkeep.sandbox import backend_available
from tests.sandbox.sandbox_helpers import Install


@pytest.fixture
def bwrap() -> None:
    available = backend_available("bwrap")
    if isinstance(available, Deny):
        pytest.skip(f"SANDBOX TESTS NOT RUN: {available.reason}: {available.detail}")


@pytest.fixture
def install(tmp_path: Path) -> Install:
    return Install(tmp_path)
