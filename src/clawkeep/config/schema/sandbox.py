"""Config keys of the sandbox: `agents.defaults.sandbox` and `agents.list[].sandbox`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from clawkeep.config.schema._base import Model

__all__ = ["DockerSandboxConfig", "SandboxConfig"]


class DockerSandboxConfig(Model):
    """Container settings; the dangerous values are refused at start and reported by the audit."""

    image: str | None = None
    network: str = "none"  # no egress unless spelled out
    binds: tuple[str, ...] = ()
    read_only_root: bool = True
    cap_drop: tuple[str, ...] = ("ALL",)
    seccomp_profile: str | None = None
    apparmor_profile: str | None = None


class SandboxConfig(Model):
    """Where an agent's exec and file tools run.

    mode: off (on the host, guarded), non-main (every session but the agent's main one),
    all (every session). workspaceAccess: none (a scratch dir), ro, rw.
    """

    mode: Literal["off", "non-main", "all"] | None = None
    scope: Literal["session", "agent", "shared"] | None = None
    workspace_access: Literal["none", "ro", "rw"] | None = None
    backend: Literal["auto", "bwrap", "docker", "podman"] | None = None
    docker: DockerSandboxConfig | None = Field(default=None)
