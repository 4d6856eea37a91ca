"""The `security audit`: one function per check id, `--fix`, and the `--deep` live probes.

A finding is data (``Finding``: check id, severity, literal fix); ``run_audit`` runs every
registered check over an install and, when asked, applies the safe fixes. Names are
imported on first use: the gateway's start checks do not pay for the checks.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clawkeep.audit.finding import SEVERITY_ORDER, Finding, Severity
    from clawkeep.audit.run import AuditReport, run_audit

__all__ = ["SEVERITY_ORDER", "AuditReport", "Finding", "Severity", "run_audit"]

_WHERE = {
    "SEVERITY_ORDER": "clawkeep.audit.finding",
    "Finding": "clawkeep.audit.finding",
    "Severity": "clawkeep.audit.finding",
    "AuditReport": "clawkeep.audit.run",
    "run_audit": "clawkeep.audit.run",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'clawkeep.audit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
