"""What one sandboxed command gets: the spec (workspace, access, egress, limits, env) and
the result it hands back. Both are plain frozen values so the exec tool, the CLI and the
tests build and read them the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from clawkeep.config.schema.sandbox import DockerSandboxConfig
from clawkeep.guards.network_guard import NetworkPolicy, Resolver
from clawkeep.sandbox.limits import Limits

__all__ = ["Backend", "ExecResult", "SandboxSpec", "WorkspaceAccess"]

WorkspaceAccess = Literal["none", "ro", "rw"]
Backend = Literal["auto", "bwrap", "docker", "podman"]

_EMPTY_ENV: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class SandboxSpec:
    """Everything a backend needs; nothing here is read from the environment of the gateway.

    ``env`` is the whole environment inside (plus PATH/HOME/LANG set by the backend):
    the gateway's own variables, and so its secrets, never cross into the sandbox.
    """

    workspace: Path
    workspace_access: WorkspaceAccess = "none"
    egress_domains: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    env: Mapping[str, str] = field(default_factory=lambda: _EMPTY_ENV)
    backend: Backend = "auto"
    docker: DockerSandboxConfig | None = None
    protected_paths: tuple[Path, ...] = ()  # the state dir & co: a workspace holding one is refused
    network_policy: NetworkPolicy | None = None  # guards.network, applied on top of egress
    egress_resolver: Resolver | None = None  # DNS seam for the egress proxy (tests)
    egress_ports: tuple[int, ...] = (80, 443)  # HTTP(S) only: no SMTP, SSH or databases
    egress_max_connections: int = 16  # open at once through this sandbox's proxy
    egress_max_connections_total: int = 64  # open at once through every sandbox's proxy
    # Workspace names the file guard marks no_access (.env, id_rsa, secrets.* ...): masked
    # inside by empty read-only files, so no command can open, copy or link them.
    secret_match: Callable[[str], bool] | None = field(default=None, compare=False)
    # Workspace files the command may read but never change, create or remove (SOUL.md,
    # AGENTS.md, USER.md unless unlocked): bound read-only over an rw workspace.
    readonly_files: tuple[str, ...] = ()
    # Workspace folders bound read-only the same way (skills/): created empty if missing,
    # so the command cannot create them either.
    readonly_dirs: tuple[str, ...] = ()
    # Workspace paths (``.git/hooks``, ``.git/config``) bound read-only when they exist: what
    # git or an editor later runs as code outside the sandbox. Never created: a missing one
    # has nothing to protect (the file guard keeps the agent's own tools off them too).
    readonly_present: tuple[str, ...] = ()
    # Set from outside to stop the command early (the process tool's kill).
    cancel: threading.Event | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ExecResult:
    """How a sandboxed command ended.

    ``killed_reason`` is a stable code when clawkeep stopped it (``sandbox.wall_clock``,
    ``sandbox.output_limit``: ``exit_code`` is None then) or when a process inside hit a
    jail limit (``sandbox.memory_limit``: OOM-killed, ``sandbox.process_limit``: a fork
    was refused; ``exit_code`` is the command's own then).
    """

    exit_code: int | None
    stdout: str
    stderr: str
    timed_out: bool = False
    truncated: bool = False
    killed_reason: str | None = None
