"""The bubblewrap backend: which host paths a sandboxed command sees, as whom, in which
namespaces. The root is built from the system's /usr (read-only) plus a few harmless /etc
files; the state dir, /root, /home and the host's /proc are never mounted.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from clawkeep.decision import Allow, Deny
from clawkeep.sandbox._run import Watch, run_capped
from clawkeep.sandbox.seccomp import seccomp_program
from clawkeep.sandbox.spec import ExecResult, SandboxSpec

__all__ = [
    "EGRESS_SOCKET",
    "SANDBOX_GID",
    "SANDBOX_UID",
    "WORKSPACE",
    "Launch",
    "bwrap_argv",
    "bwrap_available",
    "data_fds",
    "find_tool",
    "mask_args",
    "payloads",
]

SANDBOX_UID = 65534  # nobody: owns nothing inside
SANDBOX_GID = 65534
WORKSPACE = "/workspace"
SANDBOX_HOME = "/tmp/home"
EGRESS_SOCKET = "/run/clawkeep/egress.sock"
_PATH = "/usr/local/bin:/usr/bin:/bin"

# /etc files a command needs to run (dynamic loader, alternatives, TLS roots, MIME, time
# zone). Everything else in /etc (shadow, ssh host keys, the gateway's own files) stays out.
_ETC_ALLOWED = (
    "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime",
    "nsswitch.conf", "ssl", "ca-certificates", "mime.types", "protocols", "services",
    "os-release", "debian_version", "python3", "python3.11", "magic", "magic.mime",
)  # fmt: skip
# Synthetic identity files: the sandbox user exists, nobody else does.
_DATA_FILES = {
    "/etc/passwd": "nobody:x:65534:65534:nobody:/workspace:/usr/sbin/nologin\n",
    "/etc/group": "nogroup:x:65534:\n",
    "/etc/hosts": "127.0.0.1 localhost\n::1 localhost\n",
}
_MERGED_USR_LINKS = ("bin", "sbin", "lib", "lib64", "lib32", "libx32")


def find_tool(name: str) -> str | None:
    """Absolute path of a system tool, looked up in fixed system dirs only (not $PATH)."""
    return shutil.which(name, path="/usr/bin:/bin:/usr/sbin:/sbin")


def _root_args() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in _MERGED_USR_LINKS:
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), f"/{name}"]
        elif host.is_dir():
            args += ["--ro-bind", str(host), f"/{name}"]
    names = [*_ETC_ALLOWED, *sorted(p.name for p in Path("/etc").glob("java-*"))]
    for name in names:  # the JDK keeps its security and module config under /etc/java-N
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return args


def _workspace_args(spec: SandboxSpec, workspace_dir: Path) -> list[str]:
    if spec.workspace_access == "none":
        # A scratch workspace is a tmpfs of limits.diskQuotaMb: the kernel refuses the
        # write past it (and its pages count against the memory cgroup).
        size = str(spec.limits.disk_quota_mb * 1024 * 1024)
        return ["--size", size, "--tmpfs", WORKSPACE, "--chdir", WORKSPACE]
    # ro: a read-only bind, so the kernel refuses every write whatever the command does.
    kind = "--ro-bind" if spec.workspace_access == "ro" else "--bind"
    return [kind, str(workspace_dir), WORKSPACE, "--chdir", WORKSPACE]


def mask_args(
    files: Sequence[str], dirs: Sequence[str], empty_file: Path, empty_dir: Path
) -> list[str]:
    """Empty read-only files and dirs bound over workspace secrets (relative paths)."""
    args: list[str] = []
    for rel in files:
        args += ["--ro-bind", str(empty_file), f"{WORKSPACE}/{rel}"]
    for rel in dirs:
        args += ["--ro-bind", str(empty_dir), f"{WORKSPACE}/{rel}"]
    return args


def _env_args(spec: SandboxSpec, extra_env: Mapping[str, str]) -> list[str]:
    # HOME is a scratch dir on the fresh /tmp, not the workspace: `rm -rf ~` inside
    # must not reach the agent's files.
    env = {"PATH": _PATH, "HOME": SANDBOX_HOME, "LANG": "C.UTF-8", "TMPDIR": "/tmp"}
    env.update(spec.env)
    env.update(extra_env)
    args = ["--clearenv"]  # the gateway's environment (API keys, tokens) never crosses
    for key, value in env.items():
        args += ["--setenv", key, value]
    return args


def _isolation_args() -> list[str]:
    return [
        "--unshare-user",  # required, not -try: no user namespace means no sandbox
        "--unshare-ipc",
        "--unshare-pid",
        "--unshare-net",  # its own loopback only: no route to the host or the internet
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--disable-userns",  # no nested user namespace to regain capabilities in
        "--uid", str(SANDBOX_UID),
        "--gid", str(SANDBOX_GID),
        "--hostname", "sandbox",
        "--die-with-parent",
        "--new-session",  # no TIOCSTI into the gateway's terminal
        "--cap-drop", "ALL",
    ]  # fmt: skip


@contextmanager
def data_fds(files: Mapping[str, bytes]) -> Iterator[dict[str, int]]:
    """Pipes holding small payloads (seccomp program, /etc/passwd) for bwrap to read."""
    fds: dict[str, int] = {}
    try:
        for name, payload in files.items():
            r, w = os.pipe()
            fds[name] = r
            try:
                os.write(w, payload)  # all payloads are far below the pipe buffer
            finally:
                os.close(w)
        yield fds
    finally:
        for fd in fds.values():
            os.close(fd)


def payloads(spec: SandboxSpec) -> dict[str, bytes]:
    """The bytes bwrap reads from pipes: the seccomp program and the identity files."""
    files = {path: text.encode() for path, text in _DATA_FILES.items()}
    files["seccomp"] = seccomp_program(allow_inet=bool(spec.egress_domains))
    return files


def bwrap_argv(
    spec: SandboxSpec,
    command: Sequence[str],
    *,
    bwrap: str,
    workspace_dir: Path,
    fds: Mapping[str, int],
    egress_socket: Path | None = None,
    extra_env: Mapping[str, str] | None = None,
    masks: Sequence[str] = (),
) -> list[str]:
    """The bwrap command line for ``command``; ``fds`` come from `data_fds(payloads(spec))`,
    ``masks`` from `mask_args` (bound after the workspace, so over it)."""
    argv = [bwrap, *_isolation_args(), *_root_args()]
    for path, fd in fds.items():
        if path.startswith("/"):
            argv += ["--ro-bind-data", str(fd), path]
    argv += ["--proc", "/proc", "--dev", "/dev"]  # the sandbox's own, never the host's
    # /dev is an unbounded tmpfs: /dev/shm gets a bounded one of its own and /dev itself is
    # read-only, so no command fills the host's memory where the disk watch cannot see.
    argv += ["--size", str(64 * 1024 * 1024), "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
    argv += ["--size", str(64 * 1024 * 1024), "--tmpfs", "/tmp"]  # fresh, bounded /tmp
    argv += ["--dir", SANDBOX_HOME]
    argv += _workspace_args(spec, workspace_dir)
    pin = "--ro-bind-fd" if spec.workspace_access == "ro" else "--bind-fd"
    for key, fd in fds.items():
        if key.startswith("pin:"):
            # A directory holding a secret, bound over itself: a mount point cannot be
            # renamed, so the secret stays under the name it is masked by.
            argv += [pin, str(fd), key.removeprefix("pin:")]
    for key, fd in fds.items():
        if key.startswith("ro:"):
            # Read-only bind over the rw workspace (SOUL.md ...): no write, rename or unlink.
            argv += ["--ro-bind-fd", str(fd), key.removeprefix("ro:")]
    argv += masks  # secrets: never bound, an empty read-only file in their place
    if egress_socket is not None:
        argv += ["--ro-bind", str(egress_socket), EGRESS_SOCKET]
    argv += _env_args(spec, extra_env or {})
    argv += ["--seccomp", str(fds["seccomp"]), "--", *command]
    return argv


@dataclass(frozen=True)
class Launch:
    """One prepared bwrap start: the wrapper prefix (cgroup trampoline, prlimit) and fds."""

    bwrap: str
    prefix: list[str]
    workspace_dir: Path
    fds: Mapping[str, int]
    masks: tuple[str, ...] = ()
    watch: Watch | None = None  # the disk quota, polled while the command runs

    def run(
        self,
        spec: SandboxSpec,
        command: Sequence[str],
        *,
        egress_socket: Path | None = None,
        extra_env: Mapping[str, str] | None = None,
    ) -> ExecResult:
        argv = bwrap_argv(
            spec,
            command,
            bwrap=self.bwrap,
            workspace_dir=self.workspace_dir,
            fds=self.fds,
            egress_socket=egress_socket,
            extra_env=extra_env,
            masks=self.masks,
        )
        return run_capped(
            [*self.prefix, *argv],
            env={"PATH": "/usr/bin:/bin"},  # for the trampoline; bwrap clears it inside
            pass_fds=tuple(self.fds.values()),
            wall_seconds=spec.limits.wall_seconds,
            output_bytes=spec.limits.output_bytes,
            cancel=spec.cancel,
            watch=self.watch,
        )


@functools.cache
def bwrap_available() -> Allow | Deny:
    """Can bubblewrap build a sandbox here? Probed once by running `true` inside one."""
    bwrap, prlimit = find_tool("bwrap"), find_tool("prlimit")
    if bwrap is None:
        return Deny("sandbox.unavailable", "bubblewrap (bwrap) is not installed")
    if prlimit is None:
        return Deny("sandbox.unavailable", "prlimit (util-linux) is not installed")
    try:
        spec = SandboxSpec(workspace=Path("/nonexistent"))
        files = payloads(spec)
    except (OSError, ImportError, RuntimeError) as exc:  # no libseccomp: no sandbox
        return Deny("sandbox.unavailable", f"seccomp filter cannot be built: {exc}")
    with data_fds(files) as fds:
        argv = bwrap_argv(spec, ["/usr/bin/true"], bwrap=bwrap, workspace_dir=Path("/usr"), fds=fds)
        proc = subprocess.run(
            argv, capture_output=True, env={}, pass_fds=tuple(fds.values()), timeout=30, check=False
        )
    if proc.returncode != 0:
        why = proc.stderr.decode(errors="replace").strip() or f"exit status {proc.returncode}"
        return Deny("sandbox.unavailable", f"bubblewrap cannot create a sandbox here: {why}")
    return Allow("sandbox.available", bwrap)
