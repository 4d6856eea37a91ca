"""Bad config input gets a clear ConfigError (exit 2), never a traceback, a hang or coercion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clawkeep.cli import main
from clawkeep.config import ConfigError, LoadedConfig, load_config, resolve_paths


def _load(config: Path) -> LoadedConfig:
    paths = resolve_paths({"HOME": str(config.parent)}, config=config, flavor="clawkeep")
    return load_config(paths, env={})


def _kinds(exc: pytest.ExceptionInfo[ConfigError]) -> list[str]:
    return [issue.kind for issue in exc.value.issues]


def test_nul_byte_in_include_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text(json.dumps({"$include": "a\x00b.json5"}))
    with pytest.raises(ConfigError) as exc:
        _load(config)
    assert _kinds(exc) == ["config.include_invalid"]


def test_nul_byte_in_include_exits_2_from_the_cli(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text(json.dumps({"$include": "a\x00b.json5"}))
    result = CliRunner().invoke(main, ["security", "audit", "--config", str(config)])
    assert result.exit_code == 2, result.output
    assert "not a file name" in result.output
    assert "Traceback" not in result.output


def test_diamond_includes_are_refused_not_expanded(tmp_path: Path) -> None:
    # x_i and y_i both include x_{i+1} and y_{i+1}: 2**levels expansions before the fix.
    levels = 7
    for i in range(levels):
        for name in ("x", "y"):
            nxt = [f"x{i + 1}.json5", f"y{i + 1}.json5"]
            (tmp_path / f"{name}{i}.json5").write_text(json.dumps({"$include": nxt}))
    for name in ("x", "y"):
        (tmp_path / f"{name}{levels}.json5").write_text("{}")
    config = tmp_path / "clawkeep.json"
    config.write_text(json.dumps({"$include": ["x0.json5", "y0.json5"]}))
    with pytest.raises(ConfigError) as exc:
        _load(config)
    assert "config.include_repeated" in _kinds(exc)


def test_a_file_included_from_two_places_is_refused(tmp_path: Path) -> None:
    (tmp_path / "shared.json5").write_text('{logging: {level: "info"}}')
    (tmp_path / "a.json5").write_text('{"$include": "shared.json5"}')
    (tmp_path / "b.json5").write_text('{"$include": "shared.json5"}')
    config = tmp_path / "clawkeep.json"
    config.write_text('{"$include": ["a.json5", "b.json5"]}')
    with pytest.raises(ConfigError) as exc:
        _load(config)
    assert _kinds(exc) == ["config.include_repeated"]
    assert "shared.json5" in str(exc.value)


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ('{channels: {telegram: {groups: {"*": {requireMention: "true"}}}}}', "requireMention"),
        ('{channels: {telegram: {enabled: "yes"}}}', "enabled"),
        ("{commands: {bash: 1}}", "bash"),
        ('{gateway: {port: "18789"}}', "port"),
        ("{gateway: {port: 18789.0}}", "port"),
    ],
)
def test_values_are_not_coerced(tmp_path: Path, body: str, path: str) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text(body)
    with pytest.raises(ConfigError) as exc:
        _load(config)
    assert _kinds(exc) == ["config.invalid_value"]
    assert exc.value.issues[0].path[-1] == path


def test_strict_types_keep_plain_json_configs_loading(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    body = {
        "gateway": {"port": 18789, "trustedProxies": ["127.0.0.1"]},
        "channels": {"telegram": {"allowFrom": [123456, "789"], "groups": {"*": {}}}},
        "commands": {"bash": False},
        "agents": {"defaults": {"limits": {"maxTurnSeconds": 30}}},
    }
    config.write_text(json.dumps(body))
    cfg = _load(config).config
    assert cfg.channels["telegram"].allow_from == ("123456", "789")
    assert cfg.commands.bash is False


def test_lenient_audit_reports_a_coerced_boolean(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text('{commands: {bash: "true"}}')
    paths = resolve_paths({"HOME": str(tmp_path)}, config=config, flavor="clawkeep")
    loaded = load_config(paths, strict=False, env={})
    assert loaded.config.commands.bash is False  # the bad value is dropped, not coerced
    assert [i.kind for i in loaded.issues] == ["config.invalid_value"]


def test_duplicate_keys_are_refused_with_both_lines(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text('{\n  gateway: {\n    port: 1,\n    "port": 2,\n  },\n}\n')
    with pytest.raises(ConfigError) as exc:
        _load(config)
    assert _kinds(exc) == ["config.duplicate_key"]
    issue = exc.value.issues[0]
    assert issue.path == ("gateway", "port")
    assert issue.line == 4
    assert "lines 3 and 4" in issue.message


def test_duplicate_keys_in_an_included_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "part.json5").write_text("{a: {b: 1}, a: {c: 2}}")
    config = tmp_path / "clawkeep.json"
    config.write_text('{"$include": "part.json5"}')
    with pytest.raises(ConfigError) as exc:
        _load(config)
    assert _kinds(exc) == ["config.duplicate_key"]
    assert exc.value.issues[0].file == tmp_path / "part.json5"


def test_same_key_in_different_objects_is_fine(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    config.write_text("{channels: {telegram: {enabled: true}, discord: {enabled: true}}}")
    assert _load(config).config.channels["telegram"].enabled is True


@pytest.mark.parametrize("command", [["security", "audit"], ["gateway", "run"]])
def test_missing_named_config_exits_2(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere" / "clawkeep.json"
    env = {"HOME": str(tmp_path), "CLAWKEEP_STATE_DIR": ""}
    result = CliRunner().invoke(main, [*command, "--config", str(missing)], env=env)
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output
    assert "0 critical" not in result.output
    assert not missing.parent.exists()  # nothing created beside it
