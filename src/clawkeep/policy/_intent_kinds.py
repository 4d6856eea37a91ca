"""The kinds of request the owner-intent word tables name, and the shape of one table.

Five kinds are effects (``clawkeep.risk.EFFECTS`` less ``read_only``); ``calendar`` and
``schedule`` together ask for a send (an invitation).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

__all__ = ["Kind", "Table"]

Kind = Literal[
    "sends_outside",
    "writes_workspace",
    "destroys",
    "executes_code",
    "controls_gateway",
    "calendar",
    "schedule",
]
Table = Mapping[Kind, tuple[str, ...]]  # one language: the words that ask for each kind
