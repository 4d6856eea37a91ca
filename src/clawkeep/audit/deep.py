"""`security audit --deep`: live probes of the running gateway and a scan of plugin code.

The lead's audit calls `deep_findings`; every probe outcome and every code heuristic hit
comes back as a Finding, and nothing here raises for an unreachable gateway.
"""

from __future__ import annotations

from clawkeep.audit.finding import Finding
from clawkeep.audit.probe import probe_findings
from clawkeep.audit.registry import CheckSpec
from clawkeep.config.loader import LoadedConfig
from clawkeep.plugins.code_safety import CodeFinding, scan_plugins

__all__ = ["DEEP_SPECS", "code_findings", "deep_findings"]

_TITLES = {
    "env_harvesting": "Plugin code reads the environment and can reach the network",
    "dynamic_exec": "Plugin code runs dynamic code",
    "subprocess": "Plugin code starts processes",
    "obfuscation": "Plugin code looks obfuscated",
}


# The ids --deep can report, for the checks catalogue.
DEEP_SPECS = (
    CheckSpec("gateway.probe_failed", "warn", "The running gateway could not be probed"),
    CheckSpec("gateway.probe.ok", "info", "The running gateway refused bad credentials"),
    CheckSpec("gateway.probe.auth_not_probed", "info", "Gateway auth was not probed"),
    CheckSpec("gateway.probe.listeners_unknown", "info", "Listening addresses unknown"),
    CheckSpec(
        "gateway.probe.unauthenticated_access", "critical", "Gateway answers without credentials"
    ),
    CheckSpec("gateway.probe.wrong_token_accepted", "critical", "Gateway accepts a wrong token"),
    CheckSpec(
        "gateway.probe.unexpected_listener",
        "warn|critical",
        "Gateway listens where the config did not ask",
    ),
    *(
        CheckSpec(f"plugins.code_safety.{rule}", "warn|critical", title)
        for rule, title in sorted(_TITLES.items())
    ),
    CheckSpec("plugins.code_safety.unparseable", "warn", "Plugin code could not be checked"),
    CheckSpec("plugins.code_safety.unreadable", "warn", "Plugin file could not be read"),
)


def code_findings(hits: list[CodeFinding]) -> list[Finding]:
    """Code heuristic hits as audit findings (one per hit, path and line in the detail)."""
    out = []
    for hit in hits:
        where = f"{hit.path}:{hit.line}" if hit.line else str(hit.path)
        out.append(
            Finding(
                hit.check_id,
                hit.severity,
                _TITLES.get(hit.rule, f"Plugin code not checked ({hit.rule})"),
                f"{where}: {hit.detail}.",
                "Review the file; remove the plugin or take it out of plugins.allow if you do "
                "not trust it.",
            )
        )
    return out


def deep_findings(loaded: LoadedConfig, *, timeout: float = 3.0) -> list[Finding]:
    """Probe the gateway the config names and scan extensions/ for risky plugin code."""
    clawkeep = loaded.flavor == "clawkeep"
    findings = probe_findings(loaded.config, timeout=timeout, protocol_probes=clawkeep)
    findings.extend(code_findings(scan_plugins(loaded.paths.extensions_dir)))
    return findings
