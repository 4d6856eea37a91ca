"""Config keys of the sandbox: `agents.defaults.sandbox` and `agents.list[].sandbox`.

Every field defaults to None so that `agents.defaults.sandbox` can be merged into each
`agents.list[]` entry; the effective (safe) defaults live in `clawkeep.sandbox.limits`
and `clawkeep.sandbox.spec_from_config`, never here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from clawkeep.config.schema._base import Model

__all__ = [
    "DockerSandboxConfig",
    "SandboxConfig",
    "SandboxEgressConfig",
    "SandboxLimitsConfig",
]


class DockerSandboxConfig(Model):
    """Container settings; the dangerous values are refused at start and reported by the audit."""

    image: str | None = None
    network: str = "none"  # no egress unless spelled out
    binds: tuple[str, ...] = ()
    read_only_root: bool = True
    cap_drop: tuple[str, ...] = ("ALL",)
    seccomp_profile: str | None = None
    apparmor_profile: str | None = None


class SandboxLimitsConfig(Model):
    """Resource limits of one sandboxed command (None: the safe default of `Limits`)."""

    cpu_seconds: int | None = Field(default=None, ge=1)
    memory_mb: int | None = Field(default=None, ge=16)
    processes: int | None = Field(default=None, ge=1)
    file_size_mb: int | None = Field(default=None, ge=1)
    open_files: int | None = Field(default=None, ge=16)
    wall_seconds: float | None = Field(default=None, gt=0)
    output_bytes: int | None = Field(default=None, ge=1024)
    disk_quota_mb: int | None = Field(default=None, ge=1)  # all writes of one command


class SandboxEgressConfig(Model):
    """Outbound HTTP(S) for sandboxed commands: only these domains, checked outside the sandbox.

    `allowDomains` entries are host names (`api.github.com`) or `*.example.com` for any
    subdomain; empty (the default) means no network at all. `maxConnections` (default 16)
    bounds the connections one sandbox holds open at once, `maxConnectionsTotal` (default
    64) those of all sandboxes of the gateway together; more are refused, not queued.
    """

    allow_domains: tuple[str, ...] | None = None
    max_connections: int | None = Field(default=None, ge=1, le=4096)  # per sandbox, at once
    max_connections_total: int | None = Field(default=None, ge=1, le=65536)  # whole gateway


class SandboxConfig(Model):
    """Where an agent's exec and file tools run.

    mode: off (on the host, guarded), non-main (every session but the agent's main one),
    all (every session; the default here, unlike OpenClaw's off).
    workspaceAccess: none (a scratch dir; the default), ro, rw.
    """

    mode: Literal["off", "non-main", "all"] | None = None
    scope: Literal["session", "agent", "shared"] | None = None
    workspace_access: Literal["none", "ro", "rw"] | None = None
    backend: Literal["auto", "bwrap", "docker", "podman"] | None = None
    docker: DockerSandboxConfig | None = Field(default=None)
    limits: SandboxLimitsConfig | None = None
    egress: SandboxEgressConfig | None = None
