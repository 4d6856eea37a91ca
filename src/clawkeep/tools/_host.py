"""Run a command on the host (only reached when the policy allowed elevated host exec and
the command guard passed it): a fresh process group, a minimal environment, the
workspace as cwd, a wall-clock limit and capped output.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

from clawkeep.sandbox import ExecResult

__all__ = ["run_on_host"]

_MAX_OUTPUT = 256 * 1024


def run_on_host(command: str, workspace: Path, timeout: float) -> ExecResult:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(workspace), "LANG": "C.UTF-8"}
    proc = subprocess.Popen(
        ["/bin/sh", "-c", command],
        cwd=workspace,
        env=env,  # the gateway's environment (and its keys) stays out
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the whole group can be killed at the deadline
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    truncated = len(out) > _MAX_OUTPUT or len(err) > _MAX_OUTPUT
    return ExecResult(
        None if timed_out else proc.returncode,
        out[:_MAX_OUTPUT].decode("utf-8", "replace"),
        err[:_MAX_OUTPUT].decode("utf-8", "replace"),
        timed_out=timed_out,
        truncated=truncated,
        killed_reason="host.wall_clock" if timed_out else None,
    )
