"""Sender-list matching: exact ids, an optional ``<channel>:`` prefix, and ``*``."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["id_listed"]


def id_listed(sender: str, channel: str, entries: Iterable[str]) -> bool:
    """Whether ``sender`` on ``channel`` is in ``entries`` ("*" lists everyone)."""
    scoped = f"{channel}:{sender}"
    # Exact comparison only: no case folding or prefix matching that could let a
    # look-alike id pass (ids are numbers or opaque strings on every channel).
    return any(e in ("*", sender, scoped) for e in entries)
