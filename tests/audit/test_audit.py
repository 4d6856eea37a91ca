"""The audit on real state dirs: the seed baseline is clean, an insecure install is not."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from clawkeep.audit.run import run_audit
from clawkeep.cli import main
from clawkeep.config import resolve_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TOKEN = "0123456789abcdef" * 3

INSECURE = """{
  // every unsafe choice the seed warns about
  gateway: { bind: "lan", auth: { mode: "none" } },
  channels: { telegram: { dmPolicy: "open", allowFrom: ["*"] } },
  commands: { bash: true },
  tools: { elevated: { enabled: true } },
}"""


def _ids(state: Path, env: dict[str, str] | None = None, **kw: bool) -> dict[str, str]:
    env = {"HOME": str(state.parent), **(env or {})}
    paths = resolve_paths(env, config=state / "clawkeep.json")
    report = run_audit(paths, env=env, **kw)
    return {f.check_id: f.severity for f in report.findings}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_seed_baseline_in_private_dir_has_no_critical_finding(tmp_path: Path) -> None:
    state = tmp_path / ".openclaw"
    state.mkdir(mode=0o700)
    config = state / "openclaw.json"
    config.write_text((FIXTURES / "seed-baseline.json5").read_text())
    config.chmod(0o600)
    env = {"OPENCLAW_STATE_DIR": str(state), "OPENCLAW_GATEWAY_TOKEN": TOKEN, "HOME": str(tmp_path)}
    report = run_audit(resolve_paths(env, flavor="openclaw"), env=env)
    assert report.summary()["critical"] == 0, [f.check_id for f in report.findings]
    assert not report.worst_at_least("critical")


def test_insecure_install_reports_the_expected_findings(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(INSECURE, mode=0o644)
    state_dir.chmod(0o755)
    found = _ids(state_dir)
    assert found["gateway.bind_no_auth"] == "critical"
    assert found["gateway.http.no_auth"] == "critical"  # rises beyond loopback
    assert found["channels.telegram.dm.open"] == "critical"
    assert found["security.exposure.open_groups_with_elevated"] == "critical"
    assert found["fs.config.perms_world_readable"] == "critical"
    assert "fs.state_dir.perms_readable" in found
    assert "commands.bash_enabled" in found


def test_no_auth_is_warn_on_loopback(write_config: Callable[..., Path], state_dir: Path) -> None:
    write_config('{ gateway: { auth: { mode: "none" } } }')
    found = _ids(state_dir)
    assert found["gateway.http.no_auth"] == "warn"
    assert "gateway.bind_no_auth" not in found


def test_fix_tightens_then_reports_the_state_after_and_is_idempotent(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    config = write_config(
        INSECURE.replace("commands:", 'logging: { redactSensitive: "off" }, commands:'), mode=0o644
    )
    state_dir.chmod(0o755)
    paths = resolve_paths({"HOME": str(state_dir.parent)}, config=config)
    first = run_audit(paths, env={}, fix=True)
    assert _mode(config) == 0o600 and _mode(state_dir) == 0o700
    ids = {f.check_id for f in first.findings}
    assert "fs.config.perms_world_readable" not in ids
    assert "fs.state_dir.perms_readable" not in ids
    assert "logging.redact_off" not in ids
    assert "// every unsafe choice" in config.read_text()  # comments survive the edit
    assert first.fix is not None and all(a.status == "ok" for a in first.fix)
    second = run_audit(paths, env={}, fix=True)
    assert second.fix == ()


def test_fix_turns_open_groups_and_full_mdns_safe(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(
        '{ channels: { tg: { groupPolicy: "open", accounts: { b: { groupPolicy: "open" } } } },'
        ' discovery: { mdns: { mode: "full" } } }'
    )
    found = _ids(state_dir, fix=True)
    assert "channels.tg.group.open" not in found and "channels.tg.b.group.open" not in found
    assert "discovery.mdns_full_mode" not in found


def test_fix_skips_values_that_come_from_the_environment(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    config = write_config('{ logging: { redactSensitive: "${REDACT}" } }')
    paths = resolve_paths({}, config=config)
    report = run_audit(paths, env={"REDACT": "off"}, fix=True)
    assert report.fix is not None
    assert [(a.status, a.detail) for a in report.fix] == [
        ("skipped", "the value comes from ${VAR}")
    ]
    assert "${REDACT}" in config.read_text()


def test_fix_never_follows_a_symlink(state_dir: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("x")
    victim.chmod(0o644)
    creds = state_dir / "credentials"
    creds.mkdir(mode=0o700)
    os.symlink(victim, creds / "link")
    report = run_audit(resolve_paths({}, config=state_dir / "clawkeep.json"), env={}, fix=True)
    assert _mode(victim) == 0o644
    assert report.fix is not None
    assert ("skipped", "symlink: not followed") in {(a.status, a.detail) for a in report.fix}
    assert "fs.credentials_dir.symlink" in {f.check_id for f in report.findings}


def test_openclaw_shaped_state_dir_has_every_sensitive_file_checked_and_fixed(
    tmp_path: Path,
) -> None:
    state = tmp_path / ".openclaw"
    files = [
        "openclaw.json",
        "agents/main/agent/auth-profiles.json",
        "agents/search/agent/auth-profiles.json",
        "credentials/whatsapp/default/creds.json",
        "credentials/whatsapp/default/session-1.json",
        "identity/device.json",
        "agents/main/sessions/sessions.json",
        "agents/main/sessions/abc.jsonl",
    ]
    for rel in files:
        path = state / rel
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        path.write_text("{}")
        path.chmod(0o644)
    for folder in [state, *[p for p in state.rglob("*") if p.is_dir()]]:
        folder.chmod(0o755)
    env = {"OPENCLAW_STATE_DIR": str(state), "HOME": str(tmp_path)}
    paths = resolve_paths(env, flavor="openclaw")
    before = {f.check_id for f in run_audit(paths, env=env).findings}
    for expected in (
        "fs.state_dir.perms_readable",
        "fs.config.perms_world_readable",
        "fs.auth_profiles.perms_readable",
        "fs.credentials_dir.perms_readable",
        "fs.identity.perms_readable",
        "fs.sessions_store.perms_readable",
        "fs.state_subdir.perms_readable",
    ):
        assert expected in before, expected
    after = run_audit(paths, env=env, fix=True)
    assert not [f.check_id for f in after.findings if f.check_id.startswith("fs.")]
    for rel in files:
        assert _mode(state / rel) == 0o600, rel
    for folder in [state, *[p for p in state.rglob("*") if p.is_dir()]]:
        assert _mode(folder) == 0o700, folder


def test_unknown_openclaw_keys_are_info_findings(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config('{ wizard: { lastRunAt: "x" }, gateway: { bind: "loopback" } }')
    found = _ids(state_dir)
    assert found["config.unknown_key"] == "info"


def test_skill_symlink_leaving_the_workspace_is_critical(state_dir: Path, tmp_path: Path) -> None:
    skills = state_dir / "workspace" / "skills"
    skills.mkdir(parents=True)
    os.symlink(tmp_path, skills / "evil")
    assert _ids(state_dir)["skills.workspace.symlink_escape"] == "critical"


def test_hooks_token_reuse_is_critical(state_dir: Path, write_config: Callable[..., Path]) -> None:
    write_config(
        f'{{ gateway: {{ auth: {{ token: "{TOKEN}" }} }}, hooks: {{ enabled: true, token: "{TOKEN}" }} }}'
    )
    assert _ids(state_dir)["hooks.token_reuse_gateway_token"] == "critical"


def test_placeholder_token_is_critical(state_dir: Path, write_config: Callable[..., Path]) -> None:
    write_config('{ gateway: { auth: { token: "changeme" } } }')
    found = _ids(state_dir)
    assert found["gateway.token_placeholder_value"] == "critical"
    assert "gateway.token_too_short" not in found  # one finding for one problem


def test_dangerous_docker_bind_is_reported(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(
        '{ agents: { defaults: { sandbox: { docker: { binds: ["/var/run/docker.sock:/s"] } } } } }'
    )
    assert _ids(state_dir)["sandbox.dangerous_bind_mount"] == "critical"


def test_cli_json_shape_and_exit_status(state_dir: Path, write_config: Callable[..., Path]) -> None:
    config = write_config(INSECURE)
    runner = CliRunner()
    result = runner.invoke(main, ["security", "audit", "--json", "--config", str(config)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"ts", "summary", "findings"}
    assert data["summary"]["critical"] >= 4
    assert set(data["findings"][0]) == {"checkId", "severity", "title", "detail", "remediation"}
    never = runner.invoke(
        main, ["security", "audit", "--json", "--fail-on", "never", "--config", str(config)]
    )
    assert never.exit_code == 0


def test_cli_invalid_config_exits_2_with_a_sentence(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    config = write_config("{ gateway: { port: , } }")
    result = CliRunner().invoke(main, ["security", "audit", "--config", str(config)])
    assert result.exit_code == 2
    assert "not valid JSON5" in result.output


def test_catalogue_document_is_current() -> None:
    from clawkeep.audit.catalogue import catalogue_markdown

    doc = Path(__file__).resolve().parents[2] / "docs" / "audit-checks.md"
    assert doc.read_text() == catalogue_markdown(), (
        "run: clawkeep security checks > docs/audit-checks.md"
    )


def test_every_reported_id_is_in_the_catalogue(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    import re

    from clawkeep.audit.registry import registered_specs

    write_config(INSECURE, mode=0o644)
    patterns = [
        re.compile(
            "^"
            + re.escape(s.check_id).replace("<ch>", ".+").replace("<id>", ".+").replace("<p>", ".+")
            + "$"
        )
        for s in registered_specs()
    ]
    for check_id in _ids(state_dir):
        assert any(p.match(check_id) for p in patterns), check_id


def test_exposure_follows_the_tool_policy(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    write_config(
        '{ channels: { tg: { dmPolicy: "open", allowFrom: ["*"] } },'
        ' agents: { list: [{ id: "main", tools: { deny: ["gateway", "exec", "process", "canvas", "nodes"] } }] } }'
    )
    found = _ids(state_dir)
    assert "security.exposure.open_channels_with_exec" not in found
    assert "security.exposure.open_groups_with_runtime_or_fs" in found  # write/edit remain
    write_config(
        '{ channels: { tg: { dmPolicy: "open", allowFrom: ["*"] } },'
        ' agents: { list: [{ id: "main", tools: { allow: ["web_search", "message"] } }] } }'
    )
    found = _ids(state_dir)
    assert "security.exposure.open_channels_with_exec" not in found
    assert "security.exposure.open_groups_with_runtime_or_fs" not in found
    assert "agents.main.tools.denylist_untrusted" not in found


def test_plugin_and_skill_allowlists_are_openclaw_findings(tmp_path: Path) -> None:
    state = tmp_path / ".openclaw"
    (state / "extensions" / "imagegen").mkdir(parents=True)
    state.chmod(0o700)
    (state / "openclaw.json").write_text("{}")
    (state / "openclaw.json").chmod(0o600)
    env = {"OPENCLAW_STATE_DIR": str(state), "HOME": str(tmp_path)}
    found = {
        f.check_id: f.severity
        for f in run_audit(resolve_paths(env, flavor="openclaw"), env=env).findings
    }
    assert found["plugins.extensions_no_allowlist"] == "critical"
    assert "skills.allow_bundled_missing" in found
    ours = _ids(tmp_path / "clawkeep-state")
    assert "plugins.extensions_no_allowlist" not in ours and "plugins.allow_missing" not in ours
