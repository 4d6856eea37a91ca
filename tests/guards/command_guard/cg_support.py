"""Shared pieces for the command-guard class tests: one context, allowed / refused checks."""

from __future__ import annotations

from pathlib import Path

from clawkeep.guards.command_guard import CommandContext, judge

__all__ = ["ATTACKER", "CTX", "HOME", "allowed", "refused"]

HOME = Path("/home/agent")
CTX = CommandContext(
    egress=True, workspace=Path("/srv/ws"), home=HOME, state_dir=HOME / ".clawkeep"
)
ATTACKER = "203.0.113.7"


def allowed(command: str) -> None:
    """The guard lets ``command`` run."""
    verdict = judge(command, CTX)
    assert verdict.allowed, (command, verdict.findings)


def refused(command: str, effect: str) -> None:
    """The guard refuses ``command``, and names ``effect`` among its findings."""
    verdict = judge(command, CTX)
    assert not verdict.allowed, command
    assert f"command_guard.{effect}" in {f.reason for f in verdict.findings}, verdict.findings
