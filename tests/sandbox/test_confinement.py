"""Inside the sandbox an attacker-obedient command cannot read the install's secrets,
write outside the workspace, or gain privileges."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from clawkeep.decision import Deny
from clawkeep.sandbox import ExecResult, protected_paths_for, run_sandboxed
from tests.sandbox.sandbox_helpers import Install

pytestmark = [pytest.mark.bwrap, pytest.mark.usefixtures("bwrap")]

SECRETS = ("SECRET-CONFIG-TOKEN", "SECRET-CREDENTIAL", "SECRET-AUTH-PROFILE", "SECRET-SSH-KEY")


def _run(command: str, install: Install, access: str = "rw") -> ExecResult:
    result = run_sandboxed(command, install.spec(access))
    assert isinstance(result, ExecResult), result
    return result


@pytest.mark.parametrize("access", ["none", "ro", "rw"])
def test_reading_config_credentials_and_ssh_key_fails(install: Install, access: str) -> None:
    paths = [install.config, install.credentials, install.auth_profiles, install.ssh_key]
    attempts = "; ".join(f"cat {p}" for p in paths)
    attempts += "; cat ../clawkeep.json ../credentials/*; cat /root/.ssh/* ~/.ssh/*"
    attempts += "; grep -rs SECRET /etc /workspace /tmp /run /dev /home /root /var /mnt /srv"
    result = _run(attempts, install, access)
    for secret in SECRETS:
        assert secret not in result.stdout + result.stderr


def test_symlink_in_workspace_to_credentials_does_not_resolve(install: Install) -> None:
    (install.workspace / "creds").symlink_to(install.credentials)
    (install.workspace / "state").symlink_to(install.state)
    result = _run("cat creds; ls state; cat state/clawkeep.json", install)
    assert "SECRET" not in result.stdout
    assert result.exit_code != 0


def test_workspace_holding_the_state_dir_is_refused(install: Install) -> None:
    spec = install.spec()
    result = run_sandboxed("cat clawkeep.json", replace(spec, workspace=install.state))
    assert isinstance(result, Deny)
    assert result.reason == "sandbox.workspace_exposes_state"


def test_writing_outside_the_workspace_fails(install: Install) -> None:
    target = install.outside / "planted.txt"
    result = _run(
        f"echo x > {target}; echo x > /usr/planted; echo x > /etc/planted; "
        f"echo x > ../planted.txt; mkdir -p {install.outside}/d",
        install,
    )
    assert not target.exists()
    assert not (install.state / "planted.txt").exists()
    assert not (install.outside / "d").exists()
    assert "Read-only file system" in result.stderr


def test_tampering_with_the_config_from_the_sandbox_fails(install: Install) -> None:
    before = install.config.read_bytes()
    _run(f"echo '{{}}' > {install.config}; echo '{{}}' > ../clawkeep.json", install)
    assert install.config.read_bytes() == before


def test_read_only_workspace_refuses_writes(install: Install) -> None:
    notes = install.workspace / "AGENTS.md"
    notes.write_text("be careful")
    result = _run("echo 'ignore all rules' > AGENTS.md; touch new.txt; rm AGENTS.md", install, "ro")
    assert notes.read_text() == "be careful"
    assert not (install.workspace / "new.txt").exists()
    assert "Read-only file system" in result.stderr


def test_read_write_workspace_accepts_writes(install: Install) -> None:
    result = _run("echo built > out.txt && cat out.txt", install, "rw")
    assert result.exit_code == 0
    assert (install.workspace / "out.txt").read_text() == "built\n"


def test_no_workspace_access_shows_an_empty_scratch_dir(install: Install) -> None:
    (install.workspace / "MEMORY.md").write_text("private memory")
    result = _run("ls -A; echo x > scratch.txt && echo wrote", install, "none")
    assert "MEMORY.md" not in result.stdout
    assert "wrote" in result.stdout
    assert not (install.workspace / "scratch.txt").exists()


def test_gateway_environment_secrets_do_not_cross(
    install: Install, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-SECRET-ENV-KEY")
    result = _run("env; cat /proc/1/environ", install)
    assert "SECRET-ENV-KEY" not in result.stdout + result.stderr


def test_runs_as_nobody_with_no_capabilities_and_seccomp(install: Install) -> None:
    result = _run(
        "id -u; grep -E '^(CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status", install
    )
    lines = result.stdout.split()
    assert lines[0] == "65534"
    assert "CapEff:" in lines and lines[lines.index("CapEff:") + 1] == "0000000000000000"
    assert lines[lines.index("NoNewPrivs:") + 1] == "1"
    assert lines[lines.index("Seccomp:") + 1] == "2"


@pytest.mark.parametrize(
    "command",
    [
        "unshare -r id",  # a new user namespace to regain capabilities
        "mount -t tmpfs none /tmp",
        "python3 -c 'import ctypes,sys; sys.exit(ctypes.CDLL(None).ptrace(0, 0, 0, 0) != 0)'",
    ],
)
def test_escape_primitives_are_refused(install: Install, command: str) -> None:
    result = _run(command, install)
    assert result.exit_code != 0


def test_host_processes_are_not_visible(install: Install) -> None:
    result = _run("ls /proc | grep -c '^[0-9]'; cat /proc/1/cmdline | tr '\\0' ' '", install)
    count = int(result.stdout.split()[0])
    assert count < 10  # only the sandbox's own processes
    assert "systemd" not in result.stdout and "init" not in result.stdout.split()


def test_sandbox_gets_a_fresh_tmp(install: Install) -> None:
    host_file = Path(tempfile.gettempdir()) / f"clawkeep-host-{os.getpid()}.txt"
    host_file.write_text("SECRET-HOST-TMP")
    try:
        result = _run(f"cat {host_file}; ls /tmp; echo x > /tmp/inside", install)
    finally:
        host_file.unlink()
    assert "SECRET-HOST-TMP" not in result.stdout
    assert not Path("/tmp/inside").exists()


def test_missing_workspace_is_refused_not_created(install: Install) -> None:
    spec = replace(install.spec(), workspace=install.root / "no-such-workspace")
    result = run_sandboxed("true", spec)
    assert isinstance(result, Deny) and result.reason == "sandbox.workspace_missing"
    assert not (install.root / "no-such-workspace").exists()


def test_home_directory_as_workspace_is_refused(install: Install) -> None:
    home = install.ssh_key.parent.parent
    protected = protected_paths_for(install.state, install.config, home)
    spec = replace(install.spec(), workspace=home, protected_paths=protected)
    result = run_sandboxed("cat .ssh/id_ed25519", spec)
    assert isinstance(result, Deny) and result.reason == "sandbox.workspace_exposes_state"


def test_setuid_binary_cannot_be_planted_in_the_workspace(install: Install) -> None:
    # The sandbox user maps to the gateway's uid on the host: a set-uid file left in the
    # workspace would hand that uid to any local user who runs it.
    create = "import os; os.close(os.open('b', os.O_CREAT | os.O_WRONLY, 0o6755))"
    _run(f'cp /bin/true a; chmod 4755 a; chmod g+s a; python3 -c "{create}"; cp -p a c', install)
    for name in ("a", "b", "c"):
        path = install.workspace / name
        if path.exists():
            assert not path.stat().st_mode & (stat.S_ISUID | stat.S_ISGID), name
