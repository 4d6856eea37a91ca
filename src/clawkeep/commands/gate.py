"""Which chat commands a sender may run: gated by `commands.*` and by who the owner is.

``!<cmd>`` needs ``commands.bash`` and an elevated grant (``tools.elevated.enabled`` and
the sender listed in ``tools.elevated.allowFrom.<channel>``; the web chat operator is
the owner). ``/config``, ``/debug``, ``/restart`` need their switch. All four are owner
only: the web chat operator, or a sender in the channel's ``ownerAllowFrom``.
``/approve``, ``/deny`` and ``/approvals`` (held calls) are owner only and always on.
``/status`` and ``/help`` are harmless and open to every admitted sender.

Reason codes: commands.none, commands.accepted, commands.text_disabled,
commands.bash_disabled, commands.elevated_denied, commands.config_disabled,
commands.debug_disabled, commands.restart_disabled, commands.not_owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clawkeep.access import WEBCHAT, id_listed
from clawkeep.commands.parse import parse_command
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import ChatCommand, InboundMessage

__all__ = ["ChatCommandVerdict", "decide_command", "is_owner"]

# approve/deny/approvals decide held calls: only the owner may (anyone else's "yes" would
# let a stranger release a call the untrusted-data rule held).
_APPROVALS = frozenset({"approve", "deny", "approvals"})  # on even without commands.text
_OWNER_ONLY = frozenset({"bash", "config", "debug", "restart", "approve", "deny", "approvals"})


@dataclass(frozen=True, slots=True)
class ChatCommandVerdict:
    """``none``: not a command (on to the agent); ``accepted`` / ``refused`` otherwise."""

    action: Literal["none", "accepted", "refused"]
    reason: str
    command: ChatCommand | None = None
    reply: str | None = None


def is_owner(message: InboundMessage, config: RootConfig) -> bool:
    """The web chat operator, or a sender listed in the channel's ``ownerAllowFrom``."""
    if message.channel == WEBCHAT:
        return message.is_owner
    ch = config.channels.get(message.channel)
    cfg = ch.for_account(message.account) if ch is not None else None
    return cfg is not None and id_listed(
        message.sender, message.channel, [e for e in cfg.owner_allow_from if e != "*"]
    )  # "*" never makes everyone the owner


def _elevated(message: InboundMessage, config: RootConfig) -> bool:
    elevated = config.tools.elevated
    if not elevated.enabled:
        return False
    if message.channel == WEBCHAT and message.is_owner:
        return True
    listed = elevated.allow_from.get(message.channel, ())
    return id_listed(message.sender, message.channel, [e for e in listed if e != "*"])


_DISABLED = {
    "bash": "commands.bash_disabled",
    "config": "commands.config_disabled",
    "debug": "commands.debug_disabled",
    "restart": "commands.restart_disabled",
}


def _switch(cmd: ChatCommand, config: RootConfig) -> bool:
    c = config.commands
    return {"bash": c.bash, "config": c.config, "debug": c.debug, "restart": c.restart}.get(
        cmd.name, True
    )


def _refuse(cmd: ChatCommand, reason: str, why: str) -> ChatCommandVerdict:
    return ChatCommandVerdict("refused", reason, cmd, f"Command refused: {why}.")


def decide_command(message: InboundMessage, config: RootConfig) -> ChatCommandVerdict:
    """Whether ``message`` is a command, and whether this sender may run it."""
    cmd = parse_command(message.text)
    if cmd is None or (not config.commands.text and cmd.name not in _APPROVALS):
        return ChatCommandVerdict("none", "commands.none")
    if not _switch(cmd, config):  # dangerous commands exist only when switched on
        return _refuse(cmd, _DISABLED[cmd.name], f"{cmd.name} commands are off")
    if cmd.name in _OWNER_ONLY and not is_owner(message, config):
        return _refuse(cmd, "commands.not_owner", "only the owner may run this")
    if cmd.name == "bash" and not _elevated(message, config):
        return _refuse(cmd, "commands.elevated_denied", "elevated exec is not allowed here")
    return ChatCommandVerdict("accepted", "commands.accepted", cmd)
