"""Access control for one install: which channel settings apply, then DM or group rules.

The web chat is the operator's own channel (the gateway authenticated it with its
token): its messages are the owner's and are admitted. Any other channel must be
configured and enabled, and the message's account must exist.
"""

from __future__ import annotations

import re

from clawkeep.access.dm import decide_dm
from clawkeep.access.groups import decide_group
from clawkeep.access.pairing import PairingStore
from clawkeep.access.verdict import AccessVerdict
from clawkeep.config.schema import RootConfig
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.contracts import InboundMessage

__all__ = ["WEBCHAT", "AccessControl", "channel_settings"]

WEBCHAT = "webchat"


def channel_settings(
    config: RootConfig, channel: str, account: str
) -> ChannelAccessConfig | AccessVerdict:
    """The effective settings for ``channel``/``account``, or the drop verdict."""
    ch = config.channels.get(channel)
    if ch is None:  # a channel nobody configured admits nobody
        return AccessVerdict("drop", "access.channel.not_configured")
    cfg = ch.for_account(account)
    if cfg is None:
        return AccessVerdict("drop", "access.account.unknown")
    if not ch.enabled or not cfg.enabled:
        return AccessVerdict("drop", "access.channel.disabled")
    return cfg


class AccessControl:
    """Decides admit / pair / drop for verified messages."""

    def __init__(
        self, config: RootConfig, store: PairingStore, patterns: tuple[re.Pattern[str], ...]
    ) -> None:
        self._config = config
        self._store = store
        self._patterns = patterns
        # Effective (merged) settings per channel and account: the config is frozen.
        self._settings: dict[tuple[str, str], ChannelAccessConfig | AccessVerdict] = {}

    def settings(self, channel: str, account: str) -> ChannelAccessConfig | AccessVerdict:
        key = (channel, account)
        found = self._settings.get(key)
        if found is None:
            found = channel_settings(self._config, channel, account)
            if len(self._settings) < 1024:  # ids come from outside: the cache stays bounded
                self._settings[key] = found
        return found

    def decide(self, message: InboundMessage) -> AccessVerdict:
        # Owner status is honoured only on the web chat, whose adapter sets it after the
        # gateway's token check; another channel's adapter can never grant it.
        if message.channel == WEBCHAT and message.is_owner:
            return AccessVerdict("admit", "access.owner")
        cfg = self.settings(message.channel, message.account)
        if isinstance(cfg, AccessVerdict):
            return cfg
        if message.chat_type == "group":
            return decide_group(message, cfg, self._patterns)
        return decide_dm(message, cfg, self._store)
