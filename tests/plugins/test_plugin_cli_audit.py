"""The audit and the CLI read the same plugin decisions the loader makes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from clawkeep.audit.run import run_audit
from clawkeep.cli import main
from clawkeep.config import LoadedConfig, load_config, resolve_paths
from tests.conftest import make_install
from tests.plugins.mcp_server import install_plugin


def _ids(loaded: LoadedConfig) -> dict[str, str]:
    report = run_audit(loaded.paths, env={})
    return {f.check_id: f.detail for f in report.findings if f.check_id.startswith("plugins.")}


def _install(tmp: Path, plugins: dict[str, Any]) -> LoadedConfig:
    loaded = make_install(tmp, {"plugins": plugins})
    install_plugin(loaded.paths.extensions_dir / "demo").close()
    install_plugin(loaded.paths.extensions_dir / "stray").close()
    return loaded


def test_audit_names_missing_unallowed_and_networked_plugins(tmp_path: Path) -> None:
    loaded = _install(
        tmp_path,
        {"allow": ["demo", "ghost"], "entries": {"demo": {"hosts": ["api.example.com"]}}},
    )
    found = _ids(loaded)
    assert "ghost" in found["plugins.allowed_missing"]
    assert "stray" in found["plugins.installed_not_allowed"]
    assert "api.example.com" in found["plugins.network"]


def test_audit_flags_an_allowed_plugin_that_escapes_its_folder(tmp_path: Path) -> None:
    loaded = make_install(tmp_path, {"plugins": {"allow": ["demo"]}})
    outside = tmp_path / "elsewhere"
    install_plugin(outside).close()
    loaded.paths.extensions_dir.mkdir(parents=True)
    (loaded.paths.extensions_dir / "demo").symlink_to(outside)
    assert "symlink" in _ids(loaded)["plugins.unloadable"]


def test_audit_quiet_when_every_plugin_is_allowed_and_offline(tmp_path: Path) -> None:
    loaded = _install(tmp_path, {"allow": ["demo", "stray"]})
    assert _ids(loaded) == {}


def _cli(loaded: LoadedConfig, *args: str) -> Any:
    config = str(loaded.paths.config_path)
    return CliRunner().invoke(
        main, [*args, "--config", config], env={"HOME": str(loaded.paths.state_dir.parent)}
    )


def test_cli_list_enable_disable(tmp_path: Path) -> None:
    loaded = _install(tmp_path, {"allow": []})
    out = _cli(loaded, "plugins", "list", "--json")
    assert out.exit_code == 0, out.output
    rows = {r["id"]: r for r in json.loads(out.output)}
    assert rows["demo"]["starts"] is False and rows["demo"]["reason"] == "plugins.not_allowed"

    assert _cli(loaded, "plugins", "enable", "demo").exit_code == 0
    again = load_config(resolve_paths({}, config=loaded.paths.config_path), env={})
    assert again.config.plugins.allow == ("demo",)
    rows = {r["id"]: r for r in json.loads(_cli(again, "plugins", "list", "--json").output)}
    assert rows["demo"]["starts"] is True

    assert _cli(loaded, "plugins", "disable", "demo").exit_code == 0
    rows = {r["id"]: r for r in json.loads(_cli(loaded, "plugins", "list", "--json").output)}
    assert rows["demo"]["starts"] is False and rows["demo"]["reason"] == "plugins.disabled"


def test_cli_info_shows_the_code_scan_and_hides_config_values(tmp_path: Path) -> None:
    loaded = _install(
        tmp_path, {"allow": ["demo"], "entries": {"demo": {"config": {"token": "tok-123456"}}}}
    )
    out = _cli(loaded, "plugins", "info", "demo")
    assert out.exit_code == 0, out.output
    assert "code scan:" in out.output and "env_harvesting" in out.output
    assert "token" in out.output and "tok-123456" not in out.output
