"""`clawkeep service`: a unit systemd accepts, hardened, and a dry run that changes nothing."""

from __future__ import annotations

import pwd
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.cli.cli_support import run_cli as _run

from clawkeep.service import LEFT_OUT, render_unit

REPO = Path(__file__).resolve().parents[2]
UNIT_PATH = Path("/etc/systemd/system/clawkeep.service")


def _unit(tmp_path: Path) -> str:
    done = _run(tmp_path, "service", "install", "--dry-run", "--state-dir", "/var/lib/ck-test")
    assert done.returncode == 0, done.stderr
    return done.stdout.split("--- the unit file ---\n", 1)[1]


def test_dry_run_prints_every_step_and_changes_nothing(tmp_path: Path) -> None:
    existed = UNIT_PATH.exists()
    had_user = _has_user("ck-dry")
    done = _run(
        tmp_path,
        "service",
        "install",
        "--dry-run",
        "--create-user",
        "--user",
        "ck-dry",
        "--state-dir",
        str(tmp_path / "srv"),
    )
    assert done.returncode == 0, done.stderr
    assert "would create the system user ck-dry" in done.stdout
    assert f"would write {UNIT_PATH}" in done.stdout
    assert UNIT_PATH.exists() == existed and _has_user("ck-dry") == had_user
    assert not (tmp_path / "srv").exists()


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("SYSTEMD-ANALYZE NOT INSTALLED: the unit was not verified")
    unit = tmp_path / "clawkeep.service"
    unit.write_text(_unit(tmp_path))
    done = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for bad in ("Unknown key", "Unknown section", "Failed to parse", "Invalid"):
        assert bad not in done.stderr, done.stderr


def test_unit_is_hardened_and_says_why_for_what_it_leaves_out(tmp_path: Path) -> None:
    text = _unit(tmp_path)
    for line in (
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "ReadWritePaths=/var/lib/ck-test",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
        "CapabilityBoundingSet=\n",
        "User=clawkeep",
        "UMask=0077",
    ):
        assert line in text, line
    doc = (REPO / "docs" / "service.md").read_text()
    for key in LEFT_OUT:
        assert f"\n{key}=" not in text  # left out of the unit...
        assert key in doc  # ...and the docs say why


def test_refuses_root_and_a_state_dir_the_service_cannot_see(tmp_path: Path) -> None:
    root = _run(tmp_path, "service", "install", "--dry-run", "--user", "root")
    assert root.returncode == 2 and "dedicated user" in root.stderr
    home = _run(tmp_path, "service", "install", "--dry-run", "--state-dir", "/home/me/.clawkeep")
    assert home.returncode == 2 and "/var/lib/clawkeep" in home.stderr


def test_render_unit_names_the_env_file_and_state_dir() -> None:
    text = render_unit(
        exec_path=Path("/usr/bin/clawkeep"),
        user="ck",
        state_dir=Path("/var/lib/ck"),
        env_file=Path("/var/lib/ck/.env"),
        working_dir=Path("/var/lib/ck"),
    )
    assert "EnvironmentFile=-/var/lib/ck/.env" in text
    assert "Environment=CLAWKEEP_STATE_DIR=/var/lib/ck" in text
    assert "ExecStart=/usr/bin/clawkeep gateway run" in text
