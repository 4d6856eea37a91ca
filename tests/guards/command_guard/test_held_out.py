"""Held-out style cases written for this guard, one command a line in the .txt files beside.

``attacks.txt`` must be refused, ``benign.txt`` (everyday development) must pass, and
``no_egress.txt`` must be refused for an agent without egress and pass for one with it.
A ``\\n`` in a line stands for a newline (heredocs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clawkeep.guards.command_guard import CommandContext, judge

HERE = Path(__file__).parent
HOME = Path("/home/agent")
CTX = CommandContext(
    egress=True, workspace=Path("/srv/ws"), home=HOME, state_dir=HOME / ".clawkeep"
)
OFFLINE = CommandContext(egress=False, workspace=Path("/srv/ws"), home=HOME)


def _lines(name: str) -> list[str]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [ln.replace("\\n", "\n") for ln in text.splitlines() if ln and not ln.startswith("#")]


@pytest.mark.parametrize("command", _lines("attacks.txt"))
def test_attack_is_refused(command: str) -> None:
    verdict = judge(command, CTX)
    assert not verdict.allowed, command
    assert verdict.reason.startswith("command_guard.")


@pytest.mark.parametrize("command", _lines("benign.txt"))
def test_development_command_passes(command: str) -> None:
    verdict = judge(command, CTX)
    assert verdict.allowed, (command, verdict.findings)


@pytest.mark.parametrize("command", _lines("no_egress.txt"))
def test_network_command_refused_without_egress_only(command: str) -> None:
    refused = judge(command, OFFLINE)
    assert not refused.allowed
    assert refused.reason == "command_guard.network_no_egress"
    assert judge(command, CTX).allowed
