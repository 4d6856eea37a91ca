"""Recognising chat commands in message text: ``!<shell>`` and ``/<name> [args]``.

Only the names below are commands; any other text (``/shrug``, ``!!!``) is an ordinary
message for the agent. With ``commands.text`` off nothing is parsed as a command, so a
``!ls`` is just words the agent reads and never a shell line.
"""

from __future__ import annotations

import re

from clawkeep.contracts import ChatCommand, CommandName

__all__ = ["COMMAND_NAMES", "parse_command"]

COMMAND_NAMES: frozenset[str] = frozenset(
    {"config", "debug", "restart", "status", "help", "approve", "deny", "approvals"}
)
_SLASH = re.compile(r"^/([a-z]+)(?:@\S+)?(?:\s+(.*))?$", re.DOTALL)


def parse_command(text: str) -> ChatCommand | None:
    """The command ``text`` spells, or None when it is an ordinary message."""
    stripped = text.strip()
    if stripped.startswith("!") and len(stripped) > 1 and stripped[1] != "!":
        return ChatCommand("bash", stripped[1:].strip())
    match = _SLASH.match(stripped)
    if match is None or match.group(1) not in COMMAND_NAMES:
        return None
    name: CommandName = match.group(1)  # type: ignore[assignment]
    return ChatCommand(name, (match.group(2) or "").strip())
