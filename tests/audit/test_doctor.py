"""doctor --generate-gateway-token: 48 hex characters, stored 0600, or an export line."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pyjson5
from click.testing import CliRunner

from clawkeep.cli import main


def test_token_is_written_to_a_new_config_0600_in_a_0700_dir(tmp_path: Path) -> None:
    config = tmp_path / "state" / "clawkeep.json"
    result = CliRunner().invoke(
        main, ["doctor", "--generate-gateway-token", "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    token = pyjson5.decode(config.read_text())["gateway"]["auth"]["token"]
    assert re.fullmatch(r"[0-9a-f]{48}", token)
    assert token not in result.output  # never echoed
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.parent.stat().st_mode) == 0o700


def test_token_from_env_reference_is_printed_as_export_and_file_untouched(tmp_path: Path) -> None:
    config = tmp_path / "clawkeep.json"
    text = '{ gateway: { auth: { token: "${MY_GW_TOKEN}" } } }'
    config.write_text(text)
    result = CliRunner().invoke(
        main, ["doctor", "--generate-gateway-token", "--config", str(config)]
    )
    assert result.exit_code == 0
    assert re.search(r"^export MY_GW_TOKEN=[0-9a-f]{48}$", result.output, re.M)
    assert config.read_text() == text


def test_two_tokens_differ(tmp_path: Path) -> None:
    tokens = []
    for name in ("a", "b"):
        config = tmp_path / name / "clawkeep.json"
        CliRunner().invoke(main, ["doctor", "--generate-gateway-token", "--config", str(config)])
        tokens.append(pyjson5.decode(config.read_text())["gateway"]["auth"]["token"])
    assert tokens[0] != tokens[1]
