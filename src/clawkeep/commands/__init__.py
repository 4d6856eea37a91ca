"""Chat commands: recognised in message text, gated by `commands.*`, owner only."""

from __future__ import annotations

from clawkeep.commands.gate import ChatCommandVerdict, decide_command, is_owner
from clawkeep.commands.parse import COMMAND_NAMES, parse_command

__all__ = [
    "COMMAND_NAMES",
    "ChatCommandVerdict",
    "decide_command",
    "is_owner",
    "parse_command",
]
