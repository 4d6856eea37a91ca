"""Auditing an OpenClaw install reads as one: OpenClaw's defaults, keys, words and commands.

``openclaw-parity.expected.json`` holds what OpenClaw 2026.9.6's own `security audit --json` raised
(warn/critical ids) on each config of tests/fixtures/openclaw-parity/; bench/audit_parity.py
re-measures it live when the peer is installed. Here every recorded id must be raised by
clawkeep with at least the same severity, unless docs/audit-checks.md lists it as a
deliberate difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from clawkeep.audit.catalogue import is_deliberate_difference
from clawkeep.audit.finding import SEVERITY_ORDER
from clawkeep.audit.run import AuditReport, run_audit
from clawkeep.cli import main
from clawkeep.config import resolve_paths

PARITY = Path(__file__).resolve().parents[1] / "fixtures" / "openclaw-parity"
EXPECTED: dict[str, dict[str, str]] = json.loads(
    (PARITY.parent / "openclaw-parity.expected.json").read_text()
)
TOKEN = "9f2c4e7a1b3d5f6081a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6"


def _audit(state: Path, text: str | None, flavor: str = "openclaw") -> AuditReport:
    name = "openclaw.json" if flavor == "openclaw" else "clawkeep.json"
    if text is not None:
        (state / name).write_text(text)
        (state / name).chmod(0o600)
    env = {"HOME": str(state.parent), "OPENCLAW_STATE_DIR": str(state)}
    if flavor == "openclaw":
        paths = resolve_paths(env, flavor="openclaw")
    else:
        paths = resolve_paths(env, config=state / name)
    return run_audit(paths, env=env)


def _ids(report: AuditReport) -> dict[str, str]:
    return {f.check_id: f.severity for f in report.findings}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_openclaw_finding_is_raised_at_least_as_severe(state_dir: Path, name: str) -> None:
    found = _ids(_audit(state_dir, (PARITY / f"{name}.json").read_text()))
    missing = {
        check_id: severity
        for check_id, severity in EXPECTED[name].items()
        if not is_deliberate_difference(check_id)
        and SEVERITY_ORDER[found.get(check_id, "info")] < SEVERITY_ORDER[severity]
        and not (check_id in found and severity == "info")
    }
    assert missing == {}, found


def test_empty_openclaw_state_dir_is_audited_as_openclaw_defaults(state_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["security", "audit", "--openclaw", "--json"],
        env={"HOME": str(state_dir.parent), "OPENCLAW_STATE_DIR": str(state_dir)},
    )
    assert result.exit_code == 1, result.output  # a critical finding, not "cannot read" (2)
    found = {f["checkId"]: f["severity"] for f in json.loads(result.output)["findings"]}
    # OpenClaw without a secret runs without auth; clawkeep would generate a token.
    assert found["gateway.loopback_no_auth"] == "critical"
    assert found["config.missing"] == "info"


def test_openclaw_defaults_apply_where_the_file_is_silent(state_dir: Path) -> None:
    text = (
        '{ gateway: { auth: { token: "@T@" } }, channels: { telegram: { groupPolicy: "open" } } }'
    ).replace("@T@", TOKEN)
    as_openclaw = _ids(_audit(state_dir, text))
    # OpenClaw: tools.elevated is on unless false, and there is no sandbox by default.
    assert as_openclaw["security.exposure.open_groups_with_elevated"] == "critical"
    assert as_openclaw["security.exposure.open_groups_with_runtime_or_fs"] == "critical"
    as_clawkeep = _ids(_audit(state_dir, text, flavor="clawkeep"))
    assert "security.exposure.open_groups_with_elevated" not in as_clawkeep


def test_keys_openclaw_writes_itself_are_not_unknown(state_dir: Path) -> None:
    text = """{
      meta: { lastTouchedVersion: "2026.9.6", lastTouchedAt: "2026-09-30T10:00:00Z" },
      wizard: { lastRunAt: "2026-09-30T10:00:00Z", lastRunMode: "local" },
      auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } } },
      messages: { ackReactionScope: "group-mentions" },
      agents: { defaults: { models: { "anthropic/claude-opus-4-6": {} } } },
      gateway: { mode: "local", auth: { mode: "token", token: "@T@" } },
    }""".replace("@T@", TOKEN)
    found = _ids(_audit(state_dir, text))
    assert "config.unknown_key" not in found
    assert "config.invalid_value" not in found


def test_a_typo_in_an_openclaw_key_is_still_named(state_dir: Path) -> None:
    report = _audit(state_dir, f'{{ gateway: {{ bnid: "lan", auth: {{ token: "{TOKEN}" }} }} }}')
    typo = [f for f in report.findings if f.check_id == "config.unknown_key"]
    assert len(typo) == 1 and "bind" in typo[0].detail


def test_remediation_names_openclaw_commands_and_variables(state_dir: Path) -> None:
    report = _audit(state_dir, (PARITY / "everything-bad.json").read_text())
    short = _audit(state_dir, '{ gateway: { auth: { mode: "token", token: "abc" } } }')
    pw = _audit(
        state_dir, f'{{ gateway: {{ auth: {{ mode: "password", password: "{TOKEN}" }} }} }}'
    )
    findings = [*report.findings, *short.findings, *pw.findings]
    text = " ".join(f.remediation for f in findings)
    assert "clawkeep" not in text.lower()
    assert "CLAWKEEP_" not in text
    assert "openclaw doctor --fix --generate-gateway-token" in text
    assert "OPENCLAW_GATEWAY_PASSWORD" in text
    assert "openclaw security audit --fix" in text


def test_clawkeep_install_keeps_clawkeep_words(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config('{ gateway: { auth: { mode: "token", token: "abc" } } }')
    report = _audit(state_dir, None, flavor="clawkeep")
    text = " ".join(f.remediation for f in report.findings)
    assert "clawkeep doctor --generate-gateway-token" in text
    assert "openclaw" not in text.lower()


def _key_paths(tree: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix] if prefix else []
    if isinstance(tree, dict):
        for key, value in tree.items():
            out += _key_paths(value, (*prefix, key))
    return out


def _replaced(tree: object, path: tuple[str, ...], value: object) -> object:
    if not path:
        return value
    assert isinstance(tree, dict)
    return {**tree, path[0]: _replaced(tree[path[0]], path[1:], value)}


@pytest.mark.parametrize(
    "name",
    ["everything-bad", "multi-agent-subagents", "exec-safe-bins", "trusted-proxy-loose"],
)
def test_a_wrong_type_anywhere_never_breaks_a_check(state_dir: Path, name: str) -> None:
    tree = json.loads((PARITY / f"{name}.json").read_text())
    broken = []
    for path in _key_paths(tree):
        for value in (True, 7, [1, {}], "/"):
            report = _audit(state_dir, json.dumps(_replaced(tree, path, value)))
            broken += [
                f"{'.'.join(path)}={value!r}: {f.detail}"
                for f in report.findings
                if f.check_id == "audit.check_failed"
            ]
    assert broken == []
