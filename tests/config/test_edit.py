"""Config edits keep comments, write atomically 0600, and keep a 0600 backup."""

from __future__ import annotations

import stat
from pathlib import Path

import pyjson5
import pytest

from clawkeep.config.edit import ConfigEdit, EditError, apply_edits, set_value


def test_replacing_a_value_keeps_comments() -> None:
    text = '{\n  // why bind is loopback\n  gateway: { bind: "lan" },\n}\n'
    out = set_value(text, ("gateway", "bind"), "loopback")
    assert "// why bind is loopback" in out
    assert pyjson5.decode(out) == {"gateway": {"bind": "loopback"}}


def test_missing_keys_are_inserted_into_the_deepest_parent() -> None:
    out = set_value("{ /* keep */ gateway: { port: 1 } }", ("gateway", "auth", "token"), "t")
    assert "/* keep */" in out
    assert pyjson5.decode(out) == {"gateway": {"port": 1, "auth": {"token": "t"}}}


def test_apply_edits_writes_0600_with_a_0600_backup(tmp_path: Path) -> None:
    config = tmp_path / "c.json"
    config.write_text('{ logging: { redactSensitive: "off" } }')
    config.chmod(0o644)
    backup = apply_edits(config, [ConfigEdit(("logging", "redactSensitive"), "tools")])
    assert backup is not None and "off" in backup.read_text()
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert pyjson5.decode(config.read_text())["logging"]["redactSensitive"] == "tools"


def test_an_edit_under_a_non_object_is_refused_and_nothing_written(tmp_path: Path) -> None:
    config = tmp_path / "c.json"
    config.write_text('{ gateway: "x" }')
    with pytest.raises(EditError):
        apply_edits(config, [ConfigEdit(("gateway", "auth", "token"), "t")])
    assert config.read_text() == '{ gateway: "x" }'


def test_a_symlinked_config_is_edited_where_it_points_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "clawkeep.json"
    real.parent.mkdir()
    real.write_text('{\n  // mine\n  "gateway": {"port": 1}\n}\n')
    link = tmp_path / "clawkeep.json"
    link.symlink_to(real)
    apply_edits(link, [ConfigEdit(("gateway", "port"), 2)])
    assert link.is_symlink() and link.resolve() == real
    assert pyjson5.decode(real.read_text())["gateway"]["port"] == 2
    assert "// mine" in real.read_text()


def test_a_fifo_in_the_configs_place_is_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "clawkeep.json"
    os.mkfifo(fifo)
    with pytest.raises(EditError, match="not a regular file"):
        apply_edits(fifo, [ConfigEdit(("gateway", "port"), 2)])  # would block on read_text
    assert stat.S_ISFIFO(fifo.stat().st_mode)
