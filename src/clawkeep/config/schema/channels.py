"""Config keys of `channels.<id>`: who may talk to an agent on each channel."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr

from clawkeep.config.schema._base import Model
from clawkeep.config.schema._types import IdList

__all__ = [
    "ChannelAccessConfig",
    "ChannelAccountConfig",
    "ChannelConfig",
    "DmPolicy",
    "GroupConfig",
    "GroupPolicy",
    "GroupToolsConfig",
]

DmPolicy = Literal["pairing", "allowlist", "open", "disabled"]
GroupPolicy = Literal["allowlist", "open", "disabled"]


class GroupToolsConfig(Model):
    """Tool restrictions that apply to turns started in one group."""

    allow: tuple[str, ...] | None = None
    also_allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()


class GroupConfig(Model):
    """`groups.<id>` (or `groups."*"`): the key is the allowlist entry, the value its rules."""

    require_mention: bool | None = None
    allow_from: IdList | None = None
    tools: GroupToolsConfig | None = None
    enabled: bool = True


class ChannelAccessConfig(Model):
    """The access keys a channel and each of its accounts share."""

    enabled: bool = True
    dm_policy: DmPolicy = "pairing"
    allow_from: IdList = ()
    group_policy: GroupPolicy = "allowlist"
    group_allow_from: IdList | None = None
    groups: dict[str, GroupConfig] = {}
    # Transport credentials and endpoints (per channel kind; unused keys stay unset).
    bot_token: SecretStr | None = None
    api_base_url: str | None = None
    secret: SecretStr | None = None
    callback_url: str | None = None


class ChannelAccountConfig(ChannelAccessConfig):
    """`channels.<id>.accounts.<account>`: a second bot or number on the same channel."""


class ChannelConfig(ChannelAccessConfig):
    """`channels.<id>`: a channel's access rules, with optional per-account overrides."""

    accounts: dict[str, ChannelAccountConfig] = {}
