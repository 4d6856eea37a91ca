"""Run the audit: optional fix first, then every registered check, then the deep probes."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clawkeep.audit.context import AuditContext
from clawkeep.audit.finding import SEVERITY_ORDER, Finding
from clawkeep.audit.registry import CHECKS
from clawkeep.config import InstallPaths, LoadedConfig, load_config

if TYPE_CHECKING:
    from clawkeep.audit.fix import FixAction

__all__ = ["AuditReport", "run_audit"]


@dataclass(frozen=True)
class AuditReport:
    """Findings (most severe first) and, with --fix, what the fix did."""

    ts: float
    findings: tuple[Finding, ...]
    fix: tuple[FixAction, ...] | None = None

    def summary(self) -> dict[str, int]:
        counts = {"critical": 0, "warn": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def worst_at_least(self, level: str) -> bool:
        """True when a finding at or above ``level`` remains (never for "never")."""
        if level == "never":
            return False
        floor = SEVERITY_ORDER[level]
        return any(SEVERITY_ORDER[f.severity] >= floor for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ts": self.ts,
            "summary": self.summary(),
            "findings": [f.to_json() for f in self.findings],
        }
        if self.fix is not None:
            out["fix"] = [a.to_json() for a in self.fix]
        return out


def run_audit(
    paths: InstallPaths, *, env: Mapping[str, str], fix: bool = False, deep: bool = False
) -> AuditReport:
    """Audit the install at ``paths``; ConfigError if its config cannot be read at all."""
    import clawkeep.audit.checks  # noqa: F401  (registers the checks)

    loaded = _load(paths, env)
    actions: tuple[FixAction, ...] | None = None
    if fix:
        from clawkeep.audit.fix import apply_fixes  # config editing: only for --fix

        actions = tuple(apply_fixes(loaded))
        loaded = _load(paths, env)  # report the state after the fix
    ctx = AuditContext(loaded, env)
    findings: list[Finding] = []
    for specs, fn in CHECKS:
        try:
            findings.extend(fn(ctx))
        except Exception as exc:  # a broken check is a finding, never a silent pass
            findings.append(
                Finding(
                    "audit.check_failed",
                    "warn",
                    "An audit check failed",
                    f"{fn.__name__} ({specs[0].check_id}) raised {type(exc).__name__}: {exc}",
                    "Report this; the check's result is unknown.",
                )
            )
    if deep:
        findings.extend(_deep(ctx))
    findings.sort(key=lambda f: (-SEVERITY_ORDER[f.severity], f.check_id))
    return AuditReport(time.time(), tuple(findings), actions)


def _load(paths: InstallPaths, env: Mapping[str, str]) -> LoadedConfig:
    """The config to audit; an OpenClaw install without openclaw.json runs on its defaults."""
    if paths.flavor == "openclaw" and not paths.config_path.exists():
        # OpenClaw starts (and audits) with no config file at all: audit what it would run.
        from clawkeep.config.schema import RootConfig

        return LoadedConfig(RootConfig(), paths, exists=False)
    return load_config(paths, strict=False, env=env)


def _deep(ctx: AuditContext) -> list[Finding]:
    from clawkeep.audit.deep import deep_findings

    return list(deep_findings(ctx.loaded))
