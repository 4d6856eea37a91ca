"""Overlapping token windows: a long text is judged by its most suspicious part.

An injection buried in the middle of a long web page must not be diluted by the page around
it, nor cut off by truncation. The text is split into windows of ``size`` tokens that
overlap by ``overlap`` tokens (so a phrase on a boundary is whole in one of them); the
caller takes the maximum score.
"""

from __future__ import annotations

__all__ = ["windows"]


def windows(ids: list[int], *, size: int, overlap: int) -> list[list[int]]:
    """Split ``ids`` into windows of at most ``size`` tokens, each overlapping the last."""
    if size <= overlap:
        raise ValueError("window size must be larger than the overlap")
    if len(ids) <= size:
        return [ids]
    stride = size - overlap
    out: list[list[int]] = []
    for start in range(0, len(ids), stride):
        out.append(ids[start : start + size])
        if start + size >= len(ids):
            break
    return out
