"""The loader: JSON5, ${VAR}, $include containment, strict vs lenient, located errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from clawkeep.config import ConfigError, load_config, resolve_paths
from clawkeep.config.agents import resolve_agents

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _paths(config: Path, flavor: str = "clawkeep"):  # type: ignore[no-untyped-def]
    return resolve_paths({"HOME": str(config.parent)}, config=config, flavor=flavor)  # type: ignore[arg-type]


def test_missing_clawkeep_config_means_embedded_safe_defaults(tmp_path: Path) -> None:
    loaded = load_config(_paths(tmp_path / "clawkeep.json"), env={})
    cfg = loaded.config
    assert not loaded.exists
    assert cfg.gateway.bind == "loopback"
    assert cfg.gateway.port == 18789
    assert cfg.commands.bash is False and cfg.commands.config is False
    assert cfg.channels == {}
    assert cfg.logging.redact_sensitive == "tools"
    assert cfg.discovery.mdns.mode == "minimal"
    assert cfg.tools.elevated.enabled is False


def test_missing_openclaw_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no OpenClaw config"):
        load_config(_paths(tmp_path / "openclaw.json", "openclaw"), env={})


def test_seed_baseline_is_valid_in_strict_mode(tmp_path: Path) -> None:
    config = tmp_path / "openclaw.json"
    config.write_text((FIXTURES / "seed-baseline.json5").read_text())
    loaded = load_config(_paths(config, "openclaw"), env={"OPENCLAW_GATEWAY_TOKEN": "a" * 48})
    assert loaded.config.session.dm_scope == "per-channel-peer"
    assert loaded.config.plugins.allow == ("whatsapp", "channel-guard", "content-guard")
    token = loaded.config.gateway.auth.token
    assert token is not None and token.get_secret_value() == "a" * 48
    assert ("gateway", "auth", "token") in loaded.env_filled


def test_json5_comments_and_trailing_commas(write_config: Callable[..., Path]) -> None:
    path = write_config("{ // note\n gateway: { port: 19000, }, /* c */ }")
    assert load_config(_paths(path), env={}).config.gateway.port == 19000


def test_env_reference_is_substituted_after_parsing_so_it_cannot_inject_syntax(
    write_config: Callable[..., Path],
) -> None:
    path = write_config('{ gateway: { auth: { token: "${TOK}" } } }')
    evil = '", "mode": "none'
    loaded = load_config(_paths(path), env={"TOK": evil})
    assert loaded.config.gateway.auth.mode is None
    token = loaded.config.gateway.auth.token
    assert token is not None and token.get_secret_value() == evil


def test_escaped_reference_stays_literal(write_config: Callable[..., Path]) -> None:
    path = write_config('{ logging: { file: "$${HOME}/x.log" } }')
    assert load_config(_paths(path), env={"HOME": "/h"}).config.logging.file == "${HOME}/x.log"


def test_missing_variable_names_key_and_variable_but_not_a_value(
    write_config: Callable[..., Path],
) -> None:
    path = write_config('{\n  gateway: { auth: { token: "${GW_TOKEN}" } },\n}')
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    text = str(err.value)
    assert "gateway.auth.token" in text and "GW_TOKEN" in text
    assert f"{path}:2:" in text


def test_empty_variable_is_missing(write_config: Callable[..., Path]) -> None:
    path = write_config('{ gateway: { auth: { token: "${GW_TOKEN}" } } }')
    with pytest.raises(ConfigError, match="GW_TOKEN"):
        load_config(_paths(path), env={"GW_TOKEN": ""})


def test_require_mention_at_channel_root_says_it_belongs_in_groups(
    write_config: Callable[..., Path],
) -> None:
    path = write_config(
        "{\n  channels: {\n    whatsapp: {\n      requireMention: true,\n    },\n  },\n}"
    )
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    issue = err.value.issues[0]
    assert issue.kind == "config.unknown_key"
    assert (issue.line, issue.column) == (4, 7)
    assert "inside `groups`" in issue.hint
    assert f"{path}:4:7: channels.whatsapp.requireMention" in str(err.value)


def test_bad_enum_value_lists_allowed_values(write_config: Callable[..., Path]) -> None:
    path = write_config('{ channels: { tg: { dmPolicy: "opne" } } }')
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    text = str(err.value)
    assert "'opne'" in text and "'pairing'" in text and "channels.tg.dmPolicy" in text


def test_typo_gets_a_did_you_mean(write_config: Callable[..., Path]) -> None:
    path = write_config('{ gateway: { bnd: "lan" } }')
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    assert "did you mean 'bind'" in str(err.value)


def test_bad_secret_value_is_never_echoed(write_config: Callable[..., Path]) -> None:
    path = write_config("{ gateway: { auth: { token: 12345678901234 } } }")
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    assert "12345678901234" not in str(err.value)
    assert "hidden" in str(err.value)


def test_syntax_error_has_line_and_column(write_config: Callable[..., Path]) -> None:
    path = write_config("{\n  gateway: {\n    port: ,\n  }\n}")
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    issue = err.value.issues[0]
    assert issue.kind == "config.syntax" and issue.line == 3


def test_lenient_mode_turns_unknown_keys_into_issues_and_keeps_the_rest(
    write_config: Callable[..., Path],
) -> None:
    path = write_config('{ meta: { v: 1 }, wizard: {}, gateway: { bind: "lan", mystery: 1 } }')
    loaded = load_config(_paths(path), strict=False, env={})
    kinds = sorted((i.kind, i.path) for i in loaded.issues)
    assert ("config.unknown_key", ("meta",)) in kinds
    assert ("config.unknown_key", ("gateway", "mystery")) in kinds
    assert loaded.config.gateway.bind == "lan"


def test_catastrophic_mention_pattern_is_refused_at_load(write_config: Callable[..., Path]) -> None:
    path = write_config(
        '{ agents: { list: [{ id: "main", groupChat: { mentionPatterns: ["(a+)+$"] } }] } }'
    )
    with pytest.raises(ConfigError, match="backtrack"):
        load_config(_paths(path), env={})


def test_include_merges_files_from_the_same_folder(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    (state_dir / "channels.json5").write_text('{ channels: { tg: { dmPolicy: "allowlist" } } }')
    path = write_config('{ $include: "channels.json5", gateway: { port: 1234 } }')
    cfg = load_config(_paths(path), env={}).config
    assert cfg.channels["tg"].dm_policy == "allowlist" and cfg.gateway.port == 1234


def test_include_error_points_at_the_included_file(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    (state_dir / "part.json5").write_text('{\n logging: {\n  redactSensitive: "of" } }')
    path = write_config('{ $include: "part.json5" }')
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    issue = err.value.issues[0]
    assert issue.file == state_dir / "part.json5" and issue.line == 3


@pytest.mark.parametrize("target", ["../outside.json5", "/etc/passwd", "sub/../../outside.json5"])
def test_include_outside_the_config_folder_is_refused(
    state_dir: Path, write_config: Callable[..., Path], target: str
) -> None:
    (state_dir.parent / "outside.json5").write_text('{ gateway: { bind: "lan" } }')
    path = write_config(f'{{ $include: "{target}" }}')
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    assert err.value.issues[0].kind == "config.include_outside"


def test_include_through_a_symlink_leaving_the_folder_is_refused(
    state_dir: Path, write_config: Callable[..., Path]
) -> None:
    outside = state_dir.parent / "outside.json5"
    outside.write_text('{ gateway: { bind: "lan" } }')
    os.symlink(outside, state_dir / "inner.json5")
    path = write_config('{ $include: "inner.json5" }')
    with pytest.raises(ConfigError) as err:
        load_config(_paths(path), env={})
    assert err.value.issues[0].kind == "config.include_outside"


def test_include_cycle_is_refused(state_dir: Path, write_config: Callable[..., Path]) -> None:
    (state_dir / "a.json5").write_text('{ $include: "b.json5" }')
    (state_dir / "b.json5").write_text('{ $include: "a.json5" }')
    path = write_config('{ $include: "a.json5" }')
    with pytest.raises(ConfigError, match="includes itself"):
        load_config(_paths(path), env={})


def test_agents_default_to_one_main_agent_with_workspace_in_state_dir(tmp_path: Path) -> None:
    paths = _paths(tmp_path / "clawkeep.json")
    agents = resolve_agents(load_config(paths, env={}).config, paths)
    assert [a.id for a in agents] == ["main"]
    assert agents[0].workspace == paths.state_dir / "workspace"


def test_agent_sandbox_merges_defaults_key_by_key(write_config: Callable[..., Path]) -> None:
    path = write_config(
        '{ agents: { defaults: { sandbox: { mode: "all", workspaceAccess: "ro" } },'
        ' list: [{ id: "a", default: true, sandbox: { workspaceAccess: "rw" } }, { id: "b" }] } }'
    )
    paths = _paths(path)
    a, b = resolve_agents(load_config(paths, env={}).config, paths)
    assert (a.sandbox.mode, a.sandbox.workspace_access) == ("all", "rw")
    assert (b.sandbox.mode, b.sandbox.workspace_access) == ("all", "ro")


def test_duplicate_agent_ids_are_refused(write_config: Callable[..., Path]) -> None:
    path = write_config('{ agents: { list: [{ id: "a" }, { id: "a" }] } }')
    with pytest.raises(ConfigError, match="appears twice"):
        load_config(_paths(path), env={})
