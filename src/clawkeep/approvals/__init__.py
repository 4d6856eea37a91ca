"""Held calls and the owner's decisions: one store for every "ask" the policy produces
(the untrusted-data rule, `tools.exec.ask`), used by chat commands and the Control UI."""

from __future__ import annotations

from clawkeep.approvals.render import decision_text, describe, without_notice
from clawkeep.approvals.store import ApprovalStore, Decision, Held, Pending

__all__ = [
    "ApprovalStore",
    "Decision",
    "Held",
    "Pending",
    "decision_text",
    "describe",
    "without_notice",
]
