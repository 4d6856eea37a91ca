"""The message tool's messenger: an agent may write only to people already allowed in.

A prompt-injected agent must not be able to message strangers (spam, phishing in the
owner's name, exfiltration to an outside account). A recipient is allowed when the
channel's config lists it (`allowFrom`, or a `groups` key for a group) or the pairing
store holds its approval; `"*"` never counts. Then the text goes out through the
channel's own transport.
"""

from __future__ import annotations

from clawkeep.access.pairing import PairingStore
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

    def recipient_allowed(self, channel: str, to: str) -> bool:
        """True for a listed sender or group, or an approved sender; never for `"*"`."""
        ch = self._config.channels.get(channel)
        if ch is None or not ch.enabled or to == "*":
            return False
        if to in ch.allow_from or to in ch.owner_allow_from:
            return True
        if to in ch.groups and ch.group_policy != "disabled":
            return True
        return self._pairing is not None and self._pairing.is_approved(channel, _ACCOUNT, to)

    async def send(self, channel: str, to: str, text: str) -> Allow | Deny:
        if not self.recipient_allowed(channel, to):
            return Deny(
                "channels.message.recipient_not_allowed",
                f"{to!r} is not an allowed or approved recipient on {channel!r}",
            )
        return await send_text(self._config, channel, _ACCOUNT, to, text)
