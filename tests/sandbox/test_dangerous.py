"""The seed's dangerous container settings are findings, and the container backend refuses
to start with them; a safe config gets a locked-down `run` command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from clawkeep.config.schema.sandbox import DockerSandboxConfig, SandboxConfig
from clawkeep.decision import Deny
from clawkeep.sandbox import Limits, SandboxSpec, dangerous_settings
from clawkeep.sandbox.container import container_argv

HOME = Path("/home/alice")


def _ids(docker: DockerSandboxConfig) -> list[str]:
    cfg = SandboxConfig(docker=docker)
    return [f.check_id for f in dangerous_settings(cfg, home=HOME)]


@pytest.mark.parametrize(
    "bind",
    [
        "/:/host",
        "/etc:/etc:ro",
        "/etc/shadow:/x",
        "/proc:/proc",
        "/sys:/sys",
        "/dev:/dev",
        "/root:/root",
        "/boot:/boot",
        "/run:/run",
        "/var/run/docker.sock:/var/run/docker.sock",
        "/run/podman/podman.sock:/s",
        "~/.ssh:/keys:ro",
        "/home/alice/.aws:/aws",
        "/home/alice/.openclaw:/state",
        "/home/alice:/home",  # an ancestor that holds ~/.ssh
        "/home/alice/./.ssh/../.ssh:/k",
    ],
)
def test_bind_mount_of_host_system_or_secret_path_is_dangerous(bind: str) -> None:
    assert _ids(DockerSandboxConfig(binds=(bind,))) == ["sandbox.dangerous_bind_mount"]


@pytest.mark.parametrize(
    "bind", ["/srv/project:/workspace", "/home/alice/code/app:/app", "cache:/c"]
)
def test_project_bind_mount_is_not_a_finding(bind: str) -> None:
    assert _ids(DockerSandboxConfig(binds=(bind,))) == []


@pytest.mark.parametrize("network", ["host", "HOST", "container:gateway"])
def test_host_or_shared_network_is_dangerous(network: str) -> None:
    assert _ids(DockerSandboxConfig(network=network)) == ["sandbox.dangerous_network_mode"]


def test_unconfined_seccomp_and_apparmor_are_dangerous() -> None:
    ids = _ids(DockerSandboxConfig(seccomp_profile="unconfined", apparmor_profile="Unconfined"))
    assert ids == ["sandbox.dangerous_seccomp_profile", "sandbox.dangerous_apparmor_profile"]


def test_finding_names_the_key_and_the_fix() -> None:
    cfg = SandboxConfig(docker=DockerSandboxConfig(binds=("/srv/ok:/a", "/etc:/etc")))
    (finding,) = dangerous_settings(cfg, prefix="agents.list[0].sandbox", home=HOME)
    assert finding.key == "agents.list[0].sandbox.docker.binds[1]"
    assert finding.value == "/etc:/etc"
    assert "remove" in finding.remediation and finding.severity == "critical"


def _spec(docker: DockerSandboxConfig, access: str = "rw") -> SandboxSpec:
    return SandboxSpec(
        workspace=Path("/srv/ws"),
        workspace_access=access,  # type: ignore[arg-type]
        limits=Limits(processes=50, memory_mb=300),
        docker=docker,
    )


@pytest.mark.parametrize(
    "docker",
    [
        DockerSandboxConfig(binds=("/var/run/docker.sock:/var/run/docker.sock",)),
        DockerSandboxConfig(network="host"),
        DockerSandboxConfig(seccomp_profile="unconfined"),
        DockerSandboxConfig(apparmor_profile="unconfined"),
    ],
)
def test_container_backend_refuses_to_start_with_a_dangerous_setting(
    docker: DockerSandboxConfig,
) -> None:
    argv = container_argv("/usr/bin/docker", _spec(docker), ["id"])
    assert isinstance(argv, Deny)
    assert argv.reason.startswith("sandbox.dangerous_")


def test_container_argv_is_locked_down() -> None:
    argv = container_argv("/usr/bin/podman", _spec(DockerSandboxConfig(), "ro"), ["id", "-u"])
    assert isinstance(argv, list)
    joined = " ".join(argv)
    assert "--network none" in joined
    assert "--read-only" in argv
    assert "--cap-drop ALL" in joined
    assert "--security-opt no-new-privileges" in joined
    assert "--pids-limit 50" in joined and "--memory 300m" in joined
    assert "--volume /srv/ws:/workspace:ro" in joined
    assert "--tmpfs /tmp:rw,nosuid,nodev,size=64m" in joined
    assert "--user 65534:65534" in joined
    assert argv[-2:] == ["id", "-u"]


def test_container_without_workspace_access_mounts_no_host_path() -> None:
    argv = container_argv("/usr/bin/docker", _spec(DockerSandboxConfig(), "none"), ["true"])
    assert isinstance(argv, list)
    assert "--volume" not in argv
