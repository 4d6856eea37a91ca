"""How an agent's sandbox settings become a `SandboxSpec`: `agents.defaults.sandbox`
merged under `agents.list[].sandbox`, then every unset key given its safe default
(no workspace, no egress, small limits, backend auto).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from clawkeep.config.agents import merge_sandbox
from clawkeep.config.schema.sandbox import SandboxConfig
from clawkeep.guards.network_guard import NetworkPolicy
from clawkeep.sandbox.limits import limits_from_config
from clawkeep.sandbox.spec import SandboxSpec

__all__ = ["merge_sandbox_config", "protected_paths_for", "spec_from_config"]

_HOME_SECRETS = (".ssh", ".aws", ".gnupg", ".kube", ".docker", ".config/gcloud", ".netrc")


def merge_sandbox_config(
    defaults: SandboxConfig | None, agent: SandboxConfig | None
) -> SandboxConfig:
    """The agent's keys over the defaults' keys (one rule, kept in the config stage)."""
    return merge_sandbox(defaults, agent)


def spec_from_config(
    cfg: SandboxConfig | None,
    *,
    workspace: Path,
    protected_paths: tuple[Path, ...] = (),
    env: Mapping[str, str] | None = None,
    network_policy: NetworkPolicy | None = None,
    readonly_files: tuple[str, ...] = (),
    secret_match: Callable[[str], bool] | None = None,
) -> SandboxSpec:
    """The effective spec; ``protected_paths`` (the state dir) must never be mounted.

    ``network_policy`` is `guards.network`'s policy: egress must pass it as well as the
    agent's own `egress.allowDomains`.
    """
    cfg = cfg or SandboxConfig()
    egress = cfg.egress.allow_domains if cfg.egress and cfg.egress.allow_domains else ()
    per_sandbox = cfg.egress.max_connections if cfg.egress else None
    total = cfg.egress.max_connections_total if cfg.egress else None
    return SandboxSpec(
        workspace=workspace,
        workspace_access=cfg.workspace_access or "none",  # safe default: a scratch dir
        egress_domains=tuple(d.strip().lower().rstrip(".") for d in egress),
        limits=limits_from_config(cfg.limits),
        env=dict(env or {}),
        backend=cfg.backend or "auto",
        docker=cfg.docker,
        protected_paths=protected_paths,
        network_policy=network_policy,
        readonly_files=readonly_files,
        egress_max_connections=per_sandbox or 16,
        egress_max_connections_total=total or 64,
        secret_match=secret_match,
    )


def protected_paths_for(state_dir: Path, config_path: Path, home: Path) -> tuple[Path, ...]:
    """Paths no workspace may contain: the state dir, the config and the home's secrets."""
    return (state_dir, config_path, *(home / name for name in _HOME_SECRETS))
