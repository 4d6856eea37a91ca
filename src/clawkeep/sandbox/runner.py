"""Where one command runs: pick the backend, refuse when none can isolate it (fail closed,
never the host), and run it under the limits with its output captured.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from clawkeep.decision import Allow, Deny
from clawkeep.sandbox.bwrap import (
    WORKSPACE,
    Launch,
    bwrap_available,
    data_fds,
    find_tool,
    mask_args,
    payloads,
)
from clawkeep.sandbox.cgroup import CgroupJail, create_jail
from clawkeep.sandbox.limits import prlimit_argv
from clawkeep.sandbox.quota import DiskWatch
from clawkeep.sandbox.secrets_mask import default_secret_match, find_secrets, pin_dirs
from clawkeep.sandbox.spec import ExecResult, SandboxSpec

__all__ = ["backend_available", "run_sandboxed", "to_argv"]


def to_argv(argv_or_command: Sequence[str] | str) -> list[str]:
    """A string is a shell command (``/bin/sh -c``); a sequence is run as it is."""
    if isinstance(argv_or_command, str):
        return ["/bin/sh", "-c", argv_or_command]
    return list(argv_or_command)


def backend_available(backend: str = "auto") -> Allow | Deny:
    """Allow when ``backend`` can isolate a command here, else Deny(sandbox.unavailable)."""
    if backend in ("auto", "bwrap"):
        available = bwrap_available()
        if isinstance(available, Allow):
            with _jail(SandboxSpec(workspace=Path("/nonexistent"))) as jail:
                if isinstance(jail, Deny):
                    return jail  # bwrap runs, but a fork bomb could not be contained
        return available
    from clawkeep.sandbox.container import engine_available

    return engine_available(backend)


def _exposes_protected(spec: SandboxSpec) -> Deny | None:
    if spec.workspace_access == "none":
        return None
    ws = spec.workspace.resolve()
    if not ws.is_dir():
        return Deny("sandbox.workspace_missing", f"workspace {ws} is not a directory")
    for protected in spec.protected_paths:
        p = protected.resolve()
        if ws == p or ws in p.parents:
            # Binding an ancestor of the state dir would show config and credentials inside.
            return Deny(
                "sandbox.workspace_exposes_state",
                f"workspace {ws} contains {p}; move the workspace out of it",
            )
    return None


def _prepare_readonly_files(spec: SandboxSpec) -> Deny | None:
    """Each read-only name must be a plain file name; a missing file is created empty, so
    the command cannot create it (and so write the next system prompt)."""
    if spec.workspace_access != "rw" or not (spec.readonly_files or spec.readonly_dirs):
        return None
    dir_fd = os.open(spec.workspace.resolve(), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        for name in (*spec.readonly_files, *spec.readonly_dirs):
            if "/" in name or name in ("", ".", ".."):
                return Deny("sandbox.readonly_file_invalid", f"{name!r} is not a file name")
        for name in spec.readonly_files:
            with contextlib.suppress(FileExistsError):
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                os.close(os.open(name, flags, 0o644, dir_fd=dir_fd))
        for name in spec.readonly_dirs:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o755, dir_fd=dir_fd)
    finally:
        os.close(dir_fd)
    return None


def _present(dir_fd: int, path: str) -> int | Deny | None:
    """An O_PATH fd of the workspace path ``path`` when it exists, walked one name at a
    time without following a link; None when a part of it is missing; a refusal when a
    part is a link (it would be bound, and followed, somewhere else)."""
    names = [n for n in path.split("/") if n]
    if not names or any(n in (".", "..") for n in names):
        return Deny("sandbox.readonly_file_invalid", f"{path!r} is not a workspace path")
    at = os.dup(dir_fd)
    try:
        for index, name in enumerate(names):
            try:
                fd = os.open(name, os.O_PATH | os.O_NOFOLLOW, dir_fd=at)
            except FileNotFoundError:
                return None
            kind = os.fstat(fd).st_mode
            last = index == len(names) - 1
            if stat.S_ISLNK(kind) or not (stat.S_ISDIR(kind) or (last and stat.S_ISREG(kind))):
                os.close(fd)
                if not last and stat.S_ISREG(kind):
                    return None  # `.git` a file (a worktree's pointer): its folder lies elsewhere
                # A link would be bound (and followed) into the sandbox read-write elsewhere.
                return Deny(
                    "sandbox.readonly_file_unsafe",
                    f"{'/'.join(names[: index + 1])} in the workspace is a link; replace it",
                )
            os.close(at)
            at = fd
        result, at = at, -1
        return result
    finally:
        if at >= 0:
            os.close(at)


@contextmanager
def _readonly_fds(spec: SandboxSpec, ws: Path) -> Iterator[dict[str, int] | Deny]:
    """O_PATH fds of the read-only files, checked on the fd itself: what is bound is what
    was checked, even if the name is swapped for a link meanwhile."""
    fds: dict[str, int] = {}
    wanted = spec.readonly_files or spec.readonly_dirs or spec.readonly_present
    if spec.workspace_access != "rw" or not wanted:
        yield fds
        return
    dir_fd = os.open(ws, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        for path in spec.readonly_present:
            found = _present(dir_fd, path)
            if isinstance(found, Deny):
                yield found
                return
            if found is not None:
                fds[f"ro:{WORKSPACE}/{path}"] = found
        for name in spec.readonly_dirs:
            fd = os.open(name, os.O_PATH | os.O_NOFOLLOW, dir_fd=dir_fd)
            fds[f"ro:{WORKSPACE}/{name}"] = fd
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                # A link would be bound (and followed) into the sandbox read-write elsewhere.
                yield Deny(
                    "sandbox.readonly_file_unsafe",
                    f"{name} in the workspace is not a folder; replace it with one",
                )
                return
        for name in spec.readonly_files:
            fd = os.open(name, os.O_PATH | os.O_NOFOLLOW, dir_fd=dir_fd)
            fds[f"ro:{WORKSPACE}/{name}"] = fd
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                # A link, fifo or device would be bound (and followed) into the sandbox.
                yield Deny(
                    "sandbox.readonly_file_unsafe",
                    f"{name} in the workspace is not a regular file; replace it with one",
                )
                return
        yield fds
    finally:
        os.close(dir_fd)
        for fd in fds.values():
            os.close(fd)


@dataclass(frozen=True)
class _Masking:
    args: list[str]  # bwrap arguments binding empty files/dirs over the secrets
    pins: dict[str, int]  # "pin:/workspace/dir" -> O_PATH fd, bound over itself first
    used_bytes: int
    names: int


@contextmanager
def _masks(spec: SandboxSpec, ws: Path) -> Iterator[_Masking | Deny]:
    """What hides the workspace's secrets inside, and what the workspace holds now."""
    if spec.workspace_access == "none":
        yield _Masking([], {}, 0, 0)
        return
    # Without the agent's own file-guard patterns, the built-in no_access list still holds.
    found = find_secrets(str(ws), spec.secret_match or default_secret_match)
    if isinstance(found, Deny):
        yield found
        return
    root_fd = os.open(ws, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    empty = Path(tempfile.mkdtemp(prefix="clawkeep-mask-"))  # 0700, removed after
    pins: dict[str, int] | Deny = {}
    try:
        pins = pin_dirs(root_fd, found)
        if isinstance(pins, Deny):
            yield pins
            return
        (empty / "file").touch(mode=0o444)
        (empty / "dir").mkdir(mode=0o555)
        args = mask_args(found.files, found.dirs, empty / "file", empty / "dir")
        keyed = {f"pin:{WORKSPACE}/{rel}": fd for rel, fd in pins.items()}
        yield _Masking(args, keyed, found.used_bytes, found.names)
    finally:
        os.close(root_fd)
        for fd in pins.values() if isinstance(pins, dict) else ():
            os.close(fd)
        with contextlib.suppress(OSError):
            (empty / "dir").chmod(0o700)
        shutil.rmtree(empty, ignore_errors=True)


@contextmanager
def _jail(spec: SandboxSpec) -> Iterator[CgroupJail | Deny | None]:
    jail = create_jail(spec.limits)
    if jail is None and os.geteuid() == 0:
        # Root's processes are exempt from RLIMIT_NPROC: without a pids cgroup a fork
        # bomb would not be contained, so refuse rather than run unbounded.
        yield Deny(
            "sandbox.unavailable",
            "running as root and no pids cgroup can be created: a fork bomb would not be "
            "contained; run the gateway as an unprivileged user or give it a cgroup",
        )
        return
    try:
        yield jail
    finally:
        if jail is not None:
            jail.remove()  # kills anything the command left behind


def _run_bwrap(command: list[str], spec: SandboxSpec) -> ExecResult | Deny:
    available = bwrap_available()
    if isinstance(available, Deny):
        return available  # fail closed: never fall back to running on the host
    prlimit = find_tool("prlimit")
    assert prlimit is not None  # bwrap_available checked it
    # A scratch workspace is a tmpfs inside (see bwrap): no host directory at all.
    ws = spec.workspace.resolve() if spec.workspace_access != "none" else Path("/nonexistent")
    with (
        _jail(spec) as jail,
        data_fds(payloads(spec)) as fds,
        _readonly_fds(spec, ws) as ro_fds,
        _masks(spec, ws) as masks,
    ):
        if isinstance(jail, Deny):
            return jail
        if isinstance(ro_fds, Deny):
            return ro_fds
        if isinstance(masks, Deny):
            return masks
        watch = None
        if spec.workspace_access == "rw":
            # The workspace is on the host's disk: its growth is watched while it runs.
            pids = jail.pids if jail is not None else set
            quota = spec.limits.disk_quota_mb * 1024 * 1024
            watch = DiskWatch(ws, quota, masks.used_bytes, pids, baseline_names=masks.names)
        launch = Launch(
            bwrap=available.detail,
            prefix=[
                *(jail.wrap([]) if jail else []),
                *prlimit_argv(spec.limits, prlimit, memory_cgroup=bool(jail and jail.has_memory)),
            ],
            workspace_dir=ws,
            fds={**fds, **ro_fds, **masks.pins},
            masks=tuple(masks.args),
            watch=watch,
        )
        if spec.egress_domains:
            from clawkeep.sandbox.egress import run_with_egress

            result = run_with_egress(command, spec, launch)
        else:
            result = launch.run(spec, command)
        hit = jail.limit_hit() if jail is not None else None
        if hit is not None and result.killed_reason is None:
            # A process inside was OOM-killed or refused a fork: say so in the result.
            result = replace(result, killed_reason=hit)
        return result


def run_sandboxed(argv_or_command: Sequence[str] | str, spec: SandboxSpec) -> ExecResult | Deny:
    """Run a command in the sandbox ``spec`` describes; Deny when it cannot be isolated."""
    command = to_argv(argv_or_command)
    if not command:
        return Deny("sandbox.empty_command", "no command given")
    refused = _exposes_protected(spec) or _prepare_readonly_files(spec)
    if refused is not None:
        return refused
    backend: str = spec.backend
    if backend == "auto":
        backend = "bwrap" if isinstance(bwrap_available(), Allow) else _auto_engine()
    if backend == "bwrap":
        return _run_bwrap(command, spec)
    from clawkeep.sandbox.container import run_container

    return run_container(command, spec, backend)


def _auto_engine() -> str:
    from clawkeep.sandbox.container import first_engine

    return first_engine() or "bwrap"  # bwrap again: its Deny says why nothing can run
