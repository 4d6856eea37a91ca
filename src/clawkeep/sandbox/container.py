"""The Docker/Podman backend: the `run` command line a container engine gets (no network,
read-only root, every capability dropped, no-new-privileges, tmpfs, limits) and the
refusal of the dangerous settings before anything starts.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Sequence
from pathlib import Path

from clawkeep.config.schema.sandbox import DockerSandboxConfig
from clawkeep.decision import Allow, Deny
from clawkeep.sandbox._run import run_capped
from clawkeep.sandbox.dangerous import dangerous_docker_settings
from clawkeep.sandbox.spec import ExecResult, SandboxSpec

__all__ = ["container_argv", "engine_available", "first_engine", "run_container"]

ENGINES = ("podman", "docker")
DEFAULT_IMAGE = "debian:bookworm-slim"
_SYSTEM_PATH = "/usr/bin:/bin:/usr/local/bin:/usr/sbin:/sbin"


def engine_available(engine: str) -> Allow | Deny:
    """Allow when ``engine`` is installed and its daemon/service answers."""
    exe = shutil.which(engine, path=_SYSTEM_PATH)
    if exe is None:
        return Deny("sandbox.unavailable", f"{engine} is not installed")
    try:
        proc = subprocess.run(
            [exe, "info", "--format", "{{.Host.Arch}}" if engine == "podman" else "{{.OSType}}"],
            capture_output=True,
            timeout=10,
            check=False,
            env={"PATH": _SYSTEM_PATH},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Deny("sandbox.unavailable", f"{engine} does not answer: {exc}")
    if proc.returncode != 0:
        why = proc.stderr.decode(errors="replace").strip()
        return Deny("sandbox.unavailable", f"{engine} does not answer: {why}")
    return Allow("sandbox.available", exe)


def first_engine() -> str | None:
    """The first engine that answers, or None."""
    for engine in ENGINES:
        if isinstance(engine_available(engine), Allow):
            return engine
    return None


def _refusal(docker: DockerSandboxConfig) -> Deny | None:
    found = dangerous_docker_settings(docker)
    if not found:
        return None
    first = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return Deny(first.check_id, f"{first.key} = {first.value!r}: {first.detail}{more}")


def _limit_args(spec: SandboxSpec) -> list[str]:
    lim = spec.limits
    return [
        "--pids-limit", str(lim.processes),  # a fork bomb stops at the cgroup
        "--memory", f"{lim.memory_mb}m",
        "--memory-swap", f"{lim.memory_mb}m",
        "--ulimit", f"cpu={lim.cpu_seconds}:{lim.cpu_seconds}",
        "--ulimit", f"fsize={lim.file_size_mb * 1024 * 1024}:{lim.file_size_mb * 1024 * 1024}",
        "--ulimit", f"nofile={lim.open_files}:{lim.open_files}",
        "--ulimit", "core=0:0",
    ]  # fmt: skip


def _security_args(docker: DockerSandboxConfig) -> list[str]:
    args = ["--network", docker.network]
    if docker.read_only_root:
        args.append("--read-only")
    for cap in docker.cap_drop or ("ALL",):
        args += ["--cap-drop", cap]
    args += ["--security-opt", "no-new-privileges"]  # setuid binaries gain nothing
    if docker.seccomp_profile:
        args += ["--security-opt", f"seccomp={docker.seccomp_profile}"]
    if docker.apparmor_profile:
        args += ["--security-opt", f"apparmor={docker.apparmor_profile}"]
    return args


def container_argv(
    engine_exe: str,
    spec: SandboxSpec,
    command: Sequence[str],
    *,
    workspace_dir: str | None = None,
    name: str | None = None,
) -> list[str] | Deny:
    """The engine's `run` argv for ``command``, or Deny when a setting is dangerous."""
    docker = spec.docker or DockerSandboxConfig()
    refused = _refusal(docker)
    if refused is not None:
        return refused  # refuse to start: the seed's dangerous configurations never run
    argv = [engine_exe, "run", "--rm", "-i", "--init", "--user", "65534:65534"]
    if name is not None:
        argv += ["--name", name]
    argv += _security_args(docker)
    argv += ["--tmpfs", "/tmp:rw,nosuid,nodev,size=64m"]
    argv += _limit_args(spec)
    ws = workspace_dir or str(spec.workspace.resolve())
    if spec.workspace_access != "none":
        suffix = ":ro" if spec.workspace_access == "ro" else ""
        argv += ["--volume", f"{ws}:/workspace{suffix}"]
    else:
        argv += ["--tmpfs", "/workspace:rw,nosuid,nodev,size=64m"]
    for bind in docker.binds:  # each one passed dangerous_docker_settings above
        argv += ["--volume", bind]
    if spec.workspace_access == "rw":
        for name in (*spec.readonly_dirs, *spec.readonly_files):  # prepared by the runner
            argv += ["--volume", f"{ws}/{name}:/workspace/{name}:ro"]
        for path in spec.readonly_present:  # .git/hooks …: read-only where they exist
            if _plain_path(Path(ws), path):
                argv += ["--volume", f"{ws}/{path}:/workspace/{path}:ro"]
    argv += ["--workdir", "/workspace", "--env", "HOME=/tmp"]  # not the workspace: `rm -rf ~`
    for key, value in spec.env.items():
        argv += ["--env", f"{key}={value}"]
    argv += ["--", docker.image or DEFAULT_IMAGE, *command]
    return argv


def run_container(command: Sequence[str], spec: SandboxSpec, engine: str) -> ExecResult | Deny:
    """Run ``command`` with ``engine``; Deny when it is missing or the config is dangerous."""
    available = engine_available(engine)
    if isinstance(available, Deny):
        return available  # fail closed
    name = f"clawkeep-sandbox-{uuid.uuid4().hex[:12]}"
    argv = container_argv(available.detail, spec, command, name=name)
    if isinstance(argv, Deny):
        return argv
    result = run_capped(
        argv,
        env={"PATH": _SYSTEM_PATH},
        wall_seconds=spec.limits.wall_seconds,
        output_bytes=spec.limits.output_bytes,
        cancel=spec.cancel,
    )
    if result.killed_reason is not None:
        # Killing the client does not stop the container: remove it by name.
        subprocess.run(
            [available.detail, "rm", "-f", name],
            capture_output=True,
            timeout=30,
            check=False,
            env={"PATH": _SYSTEM_PATH},
        )
    return result


def _plain_path(ws: Path, path: str) -> bool:
    """Whether ``path`` exists under ``ws`` with no link on the way (a link is not bound)."""
    at = ws
    for name in (n for n in path.split("/") if n):
        at = at / name
        if at.is_symlink() or not at.exists():
            return False
    return True
