"""Decisions as values: every stage answers Allow or Deny with a stable reason code.

A reason code is a short dotted string (``file_guard.outside_root``) that the event log,
the audit and the CLI print unchanged, so one word can be followed end to end.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Allow", "Decision", "Deny"]


@dataclass(frozen=True, slots=True)
class Allow:
    """The stage lets the value through."""

    reason: str = "allowed"
    detail: str = ""

    @property
    def allowed(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Deny:
    """The stage refuses; ``reason`` is a stable code, ``detail`` a sentence for people."""

    reason: str
    detail: str = ""

    @property
    def allowed(self) -> bool:
        return False


Decision = Allow | Deny
