"""The one registry of audit checks: each check declares the ids it can report.

A check is a function from the AuditContext to findings. The catalogue in
docs/audit-checks.md is generated from these declarations (and a test keeps it current),
so an id the code can emit is always documented.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import Finding

__all__ = ["CHECKS", "CheckFn", "CheckSpec", "check", "registered_specs"]

CheckFn = Callable[[AuditContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """One id a check may report: ``severity`` says how it is rated (may rise with exposure)."""

    check_id: str
    severity: str
    title: str
    fixable: bool = False


CHECKS: list[tuple[tuple[CheckSpec, ...], CheckFn]] = []


def check(*specs: CheckSpec) -> Callable[[CheckFn], CheckFn]:
    """Register a check function with the ids it reports."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS.append((specs, fn))
        return fn

    return register


def registered_specs() -> list[CheckSpec]:
    """Every declared id, sorted: the source of the checks catalogue."""
    import clawkeep.audit.checks  # noqa: F401  (registers the checks)

    return sorted((s for specs, _ in CHECKS for s in specs), key=lambda s: s.check_id)
