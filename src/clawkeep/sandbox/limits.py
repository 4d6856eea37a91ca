"""How much one sandboxed command may use: the effective limits and their prlimit argv.

rlimits are set by util-linux `prlimit` on itself before it execs bubblewrap, so no
`preexec_fn` runs in a threaded gateway; the limits are inherited by everything inside.
"""

from __future__ import annotations

from dataclasses import dataclass

from clawkeep.config.schema.sandbox import SandboxLimitsConfig

__all__ = ["Limits", "address_space_mb", "limits_from_config", "prlimit_argv"]

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Effective limits; every default is the safe, small choice."""

    cpu_seconds: int = 30
    memory_mb: int = 1024  # address space, per process
    processes: int = 128  # per uid inside the sandbox: stops fork bombs
    file_size_mb: int = 256
    open_files: int = 256
    wall_seconds: float = 60.0
    output_bytes: int = 256 * 1024  # per stream (stdout, stderr)
    disk_quota_mb: int = 512  # everything one command writes (workspace, /tmp), in total


def limits_from_config(cfg: SandboxLimitsConfig | None) -> Limits:
    """Fill the unset keys of ``cfg`` with the defaults of `Limits`."""
    base = Limits()
    if cfg is None:
        return base
    return Limits(
        cpu_seconds=cfg.cpu_seconds if cfg.cpu_seconds is not None else base.cpu_seconds,
        memory_mb=cfg.memory_mb if cfg.memory_mb is not None else base.memory_mb,
        processes=cfg.processes if cfg.processes is not None else base.processes,
        file_size_mb=cfg.file_size_mb if cfg.file_size_mb is not None else base.file_size_mb,
        open_files=cfg.open_files if cfg.open_files is not None else base.open_files,
        wall_seconds=cfg.wall_seconds if cfg.wall_seconds is not None else base.wall_seconds,
        output_bytes=cfg.output_bytes if cfg.output_bytes is not None else base.output_bytes,
        disk_quota_mb=cfg.disk_quota_mb if cfg.disk_quota_mb is not None else base.disk_quota_mb,
    )


def address_space_mb(limits: Limits, *, memory_cgroup: bool) -> int:
    """Per-process address space: the memory limit itself, unless a memory cgroup already
    bounds real use; then a wide backstop, since JVMs and V8 reserve far more than they use.
    """
    return max(limits.memory_mb * 8, 8192) if memory_cgroup else limits.memory_mb


def prlimit_argv(
    limits: Limits, prlimit: str = "/usr/bin/prlimit", *, memory_cgroup: bool = False
) -> list[str]:
    """`prlimit` options that set soft = hard, so the sandbox cannot raise them again."""
    address_space = address_space_mb(limits, memory_cgroup=memory_cgroup)
    return [
        prlimit,
        f"--cpu={limits.cpu_seconds}",
        f"--as={address_space * _MIB}",
        f"--nproc={limits.processes}",
        f"--fsize={limits.file_size_mb * _MIB}",
        f"--nofile={limits.open_files}",
        "--core=0",  # a crashing command must not dump workspace secrets into a core file
        "--",
    ]
