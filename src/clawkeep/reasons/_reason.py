"""One reason code's entry in the registry."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Reason"]


class Reason(NamedTuple):
    """What a reason code means, and the audit check id for the same concept, if any."""

    meaning: str
    audit: str = ""
