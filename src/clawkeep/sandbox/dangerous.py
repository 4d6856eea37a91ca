"""Which container settings would undo the sandbox: the one list both the backend's refusal
and the security audit read (bind mounts of host system or secret paths, the host's or
another container's network, unconfined seccomp or AppArmor).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from clawkeep.config.schema.sandbox import DockerSandboxConfig, SandboxConfig

__all__ = [
    "DANGEROUS_HOME_PATHS",
    "DANGEROUS_HOST_PATHS",
    "DangerousSetting",
    "dangerous_docker_settings",
    "dangerous_settings",
]

# Host paths that give a container the host itself: its config, devices, kernel
# interfaces, boot files, root's home, runtime sockets (docker.sock = root on the host).
DANGEROUS_HOST_PATHS: tuple[str, ...] = (
    "/", "/etc", "/proc", "/sys", "/dev", "/root", "/boot", "/run", "/var/run",
    "/var/lib/docker", "/var/lib/containers",
    "/run/docker.sock", "/var/run/docker.sock", "/run/containerd/containerd.sock",
    "/run/podman/podman.sock", "/run/crio/crio.sock",
)  # fmt: skip
# Per-user secrets, relative to the home directory.
DANGEROUS_HOME_PATHS: tuple[str, ...] = (
    ".ssh", ".aws", ".gnupg", ".kube", ".docker", ".config/gcloud", ".azure",
    ".netrc", ".git-credentials", ".npmrc", ".pypirc", ".openclaw", ".clawkeep",
    ".config/clawkeep", ".local/share/keyrings", ".password-store",
)  # fmt: skip

CheckId = Literal[
    "sandbox.dangerous_bind_mount",
    "sandbox.dangerous_network_mode",
    "sandbox.dangerous_seccomp_profile",
    "sandbox.dangerous_apparmor_profile",
]


@dataclass(frozen=True, slots=True)
class DangerousSetting:
    """One refused setting: a stable ``check_id``, the key path, the value and the fix."""

    check_id: CheckId
    key: str
    value: str
    detail: str
    remediation: str
    severity: Literal["critical"] = "critical"


def _bind_source(spec: str) -> str:
    # docker -v syntax: SRC:DST[:OPTS]; a named volume (no leading / or ~) is not a host path.
    return spec.split(":", 1)[0]


def _is_sensitive(source: str, home: Path) -> str | None:
    src = source
    if src.startswith("~"):
        src = str(home) + src[1:]
    if not src.startswith("/"):
        return None
    src = posixpath.normpath(src)
    protected = list(DANGEROUS_HOST_PATHS)
    protected += [posixpath.join(str(home), p) for p in DANGEROUS_HOME_PATHS]
    for path in protected:
        # Equal, inside (/etc/shadow), or an ancestor that contains it (/home holds ~/.ssh).
        if src == path or src.startswith(path.rstrip("/") + "/") or path.startswith(src + "/"):
            if path == "/" and src != "/":
                continue  # everything is under /: only binding / itself is the danger
            return path
    return None


def _bind_findings(docker: DockerSandboxConfig, prefix: str, home: Path) -> list[DangerousSetting]:
    out = []
    for i, spec in enumerate(docker.binds):
        hit = _is_sensitive(_bind_source(spec), home)
        if hit is not None:
            out.append(
                DangerousSetting(
                    "sandbox.dangerous_bind_mount",
                    f"{prefix}.binds[{i}]",
                    spec,
                    f"bind mount {spec!r} exposes {hit} of the host inside the sandbox",
                    f"remove {prefix}.binds[{i}]; bind only a project directory",
                )
            )
    return out


def dangerous_docker_settings(
    docker: DockerSandboxConfig, *, prefix: str = "sandbox.docker", home: Path | None = None
) -> list[DangerousSetting]:
    """Every dangerous value in one `DockerSandboxConfig`."""
    out = _bind_findings(docker, prefix, home if home is not None else Path.home())
    net = docker.network.strip().lower()
    if net == "host" or net.startswith("container:"):
        out.append(
            DangerousSetting(
                "sandbox.dangerous_network_mode",
                f"{prefix}.network",
                docker.network,
                f"network {docker.network!r} shares a network stack the sandbox must not reach",
                f'set {prefix}.network to "none" (or a dedicated egress network)',
            )
        )
    if (docker.seccomp_profile or "").strip().lower() == "unconfined":
        out.append(
            DangerousSetting(
                "sandbox.dangerous_seccomp_profile",
                f"{prefix}.seccompProfile",
                "unconfined",
                "seccomp unconfined lets the container make every system call",
                f"remove {prefix}.seccompProfile (the engine's default profile applies)",
            )
        )
    if (docker.apparmor_profile or "").strip().lower() == "unconfined":
        out.append(
            DangerousSetting(
                "sandbox.dangerous_apparmor_profile",
                f"{prefix}.apparmorProfile",
                "unconfined",
                "AppArmor unconfined removes the engine's mandatory access control",
                f"remove {prefix}.apparmorProfile (the engine's default profile applies)",
            )
        )
    return out


def dangerous_settings(
    cfg: SandboxConfig, *, prefix: str = "sandbox", home: Path | None = None
) -> list[DangerousSetting]:
    """Findings for one agent's sandbox config (``prefix`` names it in the key paths)."""
    if cfg.docker is None:
        return []
    return dangerous_docker_settings(cfg.docker, prefix=f"{prefix}.docker", home=home)
