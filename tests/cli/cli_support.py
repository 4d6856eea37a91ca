"""The CLI as a person runs it: fresh processes, a private HOME and state dir, and a real
`clawkeep gateway run` on a free loopback port, stopped with SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CLI", "RunningGateway", "cli_env", "gateway", "run_cli"]

CLI = [sys.executable, "-m", "clawkeep"]
_READY = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any install or provider settings, plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CLAWKEEP_", "OPENCLAW_", "OPENAI_", "ANTHROPIC_", "OLLAMA_"))
    }
    return {**env, "HOME": str(home), "CLAWKEEP_STATE_DIR": str(home / "state"), **extra}


def run_cli(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=cli_env(home, **extra), capture_output=True, text=True, timeout=120
    )


@dataclass
class RunningGateway:
    proc: subprocess.Popen[str]
    port: int
    lines: list[str] = field(default_factory=list)  # what it printed up to the ready line

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"


@contextmanager
def gateway(home: Path, **extra: str) -> Iterator[RunningGateway]:
    """`clawkeep gateway run --port 0` for ``home``'s install, until the block ends."""
    proc = subprocess.Popen(
        [*CLI, "gateway", "run", "--port", "0"],
        env=cli_env(home, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        port = None
        for line in proc.stdout:
            lines.append(line)
            hit = _READY.search(line)
            if hit:
                port = int(hit.group(1))
                break
        assert port is not None, "".join(lines)
        yield RunningGateway(proc, port, lines)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
