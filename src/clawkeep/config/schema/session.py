"""Config keys of `session`: how conversations are split into sessions."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from clawkeep.config.schema._base import Model

__all__ = ["DmScope", "SessionConfig"]

DmScope = Literal["main", "per-peer", "per-channel-peer", "per-account-channel-peer"]


class SessionConfig(Model):
    """dmScope main shares one session among every DM sender (audited when senders are many).

    ``identityLinks`` maps a canonical name to the ``<channel>:<peer>`` ids that are one
    person; their DMs share that person's session under the per-peer scopes. Unlike
    OpenClaw, an unlinked per-peer key names the channel (Telegram user 42 and a webhook
    sender "42" are two people), and a linked name never matches a raw sender id.
    """

    dm_scope: DmScope = "main"
    identity_links: dict[str, tuple[str, ...]] = {}

    @field_validator("identity_links")
    @classmethod
    def _links_are_unambiguous(
        cls, value: dict[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        owner: dict[str, str] = {}
        for name, members in value.items():
            if not name.strip():
                raise ValueError("an identityLinks name must not be empty")
            for member in members:
                channel, _, peer = member.partition(":")
                if not channel or not peer:
                    raise ValueError(
                        f'identityLinks.{name}: {member!r} is not "<channel>:<peer>" '
                        '(e.g. "telegram:123456")'
                    )
                # One peer linked to two people would merge two people's sessions.
                if member in owner and owner[member] != name:
                    raise ValueError(f"{member!r} is linked to both {owner[member]!r} and {name!r}")
                owner[member] = name
        return value
