"""The message tool's messenger: it sends only where access says an agent may write.

Whom an agent may message is access's decision (``clawkeep.access.may_message``: the same
dmPolicy rule and id matching as inbound); this module only asks it, then sends through
the channel's own transport.
"""

from __future__ import annotations

from clawkeep.access import PairingStore, may_message
from clawkeep.channels.notify import send_text
from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow, Deny

__all__ = ["ChannelMessenger"]

_ACCOUNT = "default"


class ChannelMessenger:
    """Sends on a configured channel to a recipient the access config already admits."""

    def __init__(self, config: RootConfig, pairing: PairingStore | None) -> None:
        self._config = config
        self._pairing = pairing

    async def send(self, channel: str, to: str, text: str) -> Allow | Deny:
        verdict = may_message(self._config, self._pairing, channel, to, _ACCOUNT)
        if not verdict.allowed:  # only people access admits now: no stranger, no stale pairing
            return Deny(verdict.reason, f"{to!r} is not an allowed recipient on {channel!r}")
        return await send_text(self._config, channel, _ACCOUNT, to, text)
