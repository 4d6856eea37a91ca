"""docs/audit-checks.md, generated from the check registry (a test keeps the file current)."""

from __future__ import annotations

import re

from clawkeep.audit.registry import registered_specs

__all__ = ["DELIBERATE_DIFFERENCES", "catalogue_markdown", "is_deliberate_difference"]

# OpenClaw 2026.9.6 check ids clawkeep does not raise, and why (printed in the catalogue).
# bench/audit_parity.py counts a miss on one of these apart from the unexplained ones.
DELIBERATE_DIFFERENCES: dict[str, str] = {
    "channels.<p>.dm.locked": "info only in OpenClaw; clawkeep says nothing when DMs need "
    "pairing or an allowlist and no one is listed yet: that is the safe state.",
    "channels.<p>.account.read_only_resolution": "comes from OpenClaw's channel plugins "
    "resolving accounts at runtime; not visible in the config.",
    "channels.<p>.allowFrom.dangerous_name_matching_enabled": "channel-plugin specific (mutable "
    "display names); clawkeep matches sender ids only, never names.",
    "channels.<p>.allowFrom.mutable_entries_inert": "channel-plugin specific; clawkeep matches "
    "sender ids only.",
    "channels.<p>.dm.wildcard_routing_unverified.<account>": "needs OpenClaw's channel plugins "
    "and their account state.",
    "channels.<p>.routing.owner_missing.<account>": "needs OpenClaw's channel plugins and their "
    "account state.",
    "channels.<p>.warning.<n>": "free-form warnings from OpenClaw's channel plugins.",
    "channels.dm.session_collision.<accounts>": "needs OpenClaw's per-account session keys; "
    "clawkeep reports the shared-session risk as channels.<ch>.dm.scope_main_multiuser.",
    "fs.log_file.perms_readable": "clawkeep checks the whole logs/ tree (fs.logs.*).",
    "gateway.probe_auth_secretref_unavailable": "OpenClaw SecretRefs (exec/file providers) are "
    "not resolved by clawkeep, which never runs commands during an audit.",
    "hooks.installs_missing_integrity": "from OpenClaw's hook install records, not the config.",
    "hooks.installs_unpinned_npm_specs": "from OpenClaw's hook install records, not the config.",
    "hooks.installs_version_drift": "from OpenClaw's hook install records, not the config.",
    "models.small_params": "needs the parameter count of local models, which only a running "
    "provider reports.",
    "plugins.<id>.security_audit_failed": "clawkeep loads no plugin code, so no plugin audit "
    "collector can fail.",
    "plugins.allow_phantom_entries": "needs OpenClaw's plugin registry to know which ids exist.",
    "plugins.code_safety": "--deep only; clawkeep reports plugins.code_safety.<rule> per hit.",
    "plugins.code_safety.entry_escape": "--deep only, from OpenClaw's plugin manifests.",
    "plugins.code_safety.entry_path": "--deep only, from OpenClaw's plugin manifests.",
    "plugins.code_safety.manifest_parse_error": "--deep only, from OpenClaw's plugin manifests.",
    "plugins.code_safety.scan_failed": "--deep only; clawkeep reports "
    "plugins.code_safety.unparseable / .unreadable.",
    "plugins.installs_missing_integrity": "from OpenClaw's plugin install records.",
    "plugins.installs_unpinned_npm_specs": "from OpenClaw's plugin install records.",
    "plugins.installs_version_drift": "from OpenClaw's plugin install records.",
    "plugins.tools_reachable_permissive_policy": "needs the tool names each installed plugin "
    "registers; clawkeep reports the missing allowlist itself (plugins.extensions_no_allowlist).",
    "sandbox.browser_container.docker_probe_timeout": "asks a running Docker daemon.",
    "sandbox.browser_container.hash_epoch_stale": "asks a running Docker daemon.",
    "sandbox.browser_container.hash_label_missing": "asks a running Docker daemon.",
    "sandbox.browser_container.non_loopback_publish": "asks a running Docker daemon.",
    "security.audit.suppressions.active": "clawkeep has no suppressions: a finding is fixed or "
    "it stays (OpenClaw's suppressions list is reported under "
    "config.insecure_or_dangerous_flags).",
    "skills.code_safety": "--deep scan of installed skills; clawkeep ships and runs no skills.",
    "skills.code_safety.scan_failed": "as skills.code_safety.",
    "skills.workspace.scan_truncated": "clawkeep walks the whole skills tree (no truncation).",
    "tools.exec.agent_skill_mcp_boundary_drift": "needs OpenClaw's skill and mcporter registries.",
    "tools.exec.allowlist_interpreter_without_strict_inline_eval": "read from OpenClaw's "
    "exec-approvals store, not the config.",
    "tools.exec.auto_allow_skills_enabled": "read from OpenClaw's exec-approvals store, not "
    "the config.",
    "tools.exec.mcporter_registry_inspection_incomplete": "needs OpenClaw's mcporter registry.",
}


def is_deliberate_difference(check_id: str) -> bool:
    """True when OpenClaw's ``check_id`` is one this audit does not raise on purpose."""
    for pattern in DELIBERATE_DIFFERENCES:
        parts = [re.escape(p) for p in re.split(r"<[a-z]+>", pattern)]
        if re.fullmatch(r"[^.]+(?:\.[^.]+)*?".join(parts), check_id):
            return True
    return False


def catalogue_markdown() -> str:
    """The checks catalogue as Markdown."""
    lines = [
        "# Audit checks",
        "",
        "Generated by `clawkeep security checks` from the check registry; do not edit by hand.",
        "`<ch>` is a channel (or `channel.account`), `<id>` an agent, `<p>` a provider.",
        "`warn|critical`: warn on a loopback gateway, critical when it listens beyond loopback.",
        "`gateway.probe*` and `plugins.code_safety.*` come from `--deep` only.",
        "",
        "| check id | severity | --fix | what it means |",
        "| --- | --- | --- | --- |",
    ]
    from clawkeep.audit.deep import DEEP_SPECS

    specs = sorted([*registered_specs(), *DEEP_SPECS], key=lambda s: s.check_id)
    for spec in specs:
        fix = "yes" if spec.fixable else ""
        lines.append(f"| `{spec.check_id}` | {spec.severity} | {fix} | {spec.title} |")
    lines += [
        "",
        "## Parity with OpenClaw's audit",
        "",
        "On an OpenClaw install (`--openclaw`) the audit applies OpenClaw's defaults where",
        "`openclaw.json` is silent (no sandbox, `tools.elevated` on, `tools.agentToAgent` on for",
        "every agent, no gateway auth without a secret, the browser on) and reads OpenClaw's own",
        "keys from the file. `bench/audit_parity.py` runs OpenClaw 2026.9.6's",
        "`security audit --json` and this audit on every config in",
        "`tests/fixtures/openclaw-parity/` and prints the share of OpenClaw's warn/critical",
        "findings raised here under the same id with at least the same severity;",
        "`tests/audit/test_openclaw_install.py` holds that line without the peer installed.",
        "",
        "Where the ids mean the same but the severity differs, this audit is the stricter one",
        "(for instance `security.exposure.open_channels_with_exec` is always critical here).",
        "Findings no peer has: `security.exfiltration_path` (the whole chain from a channel that",
        "admits strangers to an agent that reads data and one that sends it out; `--json` has it",
        "as `chain`) and the guards' own switches (`guards.*`). The chain is decided by the",
        "runtime's own functions (tool policy, exec placement, `sessions_send`'s `may_reach`);",
        "it counts the tools that send data elsewhere (web_fetch, browser, exec with network,",
        "message), not the agent's reply to the stranger itself, and no content classifier as a",
        "cut. Open DMs and open groups are critical, pairing DMs warn.",
        "",
        "OpenClaw ids this audit does not raise, and why:",
        "",
        "| OpenClaw check id | why not here |",
        "| --- | --- |",
    ]
    for check_id, why in sorted(DELIBERATE_DIFFERENCES.items()):
        lines.append(f"| `{check_id}` | {why} |")
    return "\n".join(lines) + "\n"
