"""The sandbox stage: where an agent's commands run, rooted in its workspace, with no
network (or only allow-listed egress through the network guard) and no secrets in reach.

Backends: bubblewrap (default, no daemon) and Docker/Podman when an engine is present.
Where no backend can isolate a command, `run_sandboxed` answers Deny(sandbox.unavailable)
and never runs it on the host.
"""

from __future__ import annotations

from clawkeep.sandbox.config import merge_sandbox_config, protected_paths_for, spec_from_config
from clawkeep.sandbox.dangerous import DangerousSetting, dangerous_settings
from clawkeep.sandbox.limits import Limits
from clawkeep.sandbox.placement import ExecPlacement, ExecSecurity, SandboxMode, place_exec
from clawkeep.sandbox.runner import backend_available, run_sandboxed
from clawkeep.sandbox.spec import ExecResult, SandboxSpec

__all__ = [
    "DangerousSetting",
    "ExecPlacement",
    "ExecResult",
    "ExecSecurity",
    "Limits",
    "SandboxMode",
    "SandboxSpec",
    "backend_available",
    "dangerous_settings",
    "merge_sandbox_config",
    "place_exec",
    "protected_paths_for",
    "run_sandboxed",
    "spec_from_config",
]
