"""Overlapping windows: a payload on a window boundary is whole in one window."""

from __future__ import annotations

import pytest

from clawkeep.guards.injection._windows import windows


def test_payload_straddling_a_boundary_is_whole_in_some_window() -> None:
    ids = list(range(1000))
    payload = list(range(120, 140))  # crosses the first boundary at 126
    wins = windows(ids, size=126, overlap=32)
    assert any(payload[0] in w and payload[-1] in w for w in wins)


def test_every_token_is_covered_and_windows_respect_the_size() -> None:
    ids = list(range(777))
    wins = windows(ids, size=126, overlap=32)
    assert {t for w in wins for t in w} == set(ids)
    assert all(len(w) <= 126 for w in wins)


def test_short_text_is_one_window() -> None:
    assert windows([1, 2, 3], size=126, overlap=32) == [[1, 2, 3]]


def test_overlap_must_be_smaller_than_the_window() -> None:
    with pytest.raises(ValueError, match="larger than the overlap"):
        windows([1, 2], size=10, overlap=10)
