"""An audit finding is data: a stable dotted check id, a severity, and a literal fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from clawkeep.contracts import Severity

__all__ = ["SEVERITY_ORDER", "Finding", "Severity"]

SEVERITY_ORDER: dict[str, int] = {"info": 0, "warn": 1, "critical": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the audit found. ``remediation`` is the exact key to set or command to run."""

    check_id: str
    severity: Severity
    title: str
    detail: str
    remediation: str = ""
    chain: tuple[str, ...] = ()  # an attack path, hop by hop (security.exfiltration_path)

    def to_json(self) -> dict[str, Any]:
        """camelCase keys, like the config and every other JSON the CLI prints."""
        out = asdict(self)
        out["checkId"] = out.pop("check_id")
        if self.chain:
            out["chain"] = list(self.chain)
        else:
            del out["chain"]
        return out
