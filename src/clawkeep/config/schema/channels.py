"""Config keys of `channels.<id>`: who may talk to an agent on each channel.

An account (`channels.<id>.accounts.<name>`) inherits every key it does not set from the
channel root; `ChannelConfig.for_account` gives the merged, effective settings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, model_validator

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
    # Senders who may use the owner-only chat commands (!, /config, /debug, /restart) on
    # this channel. Empty: nobody but the web chat operator.
    owner_allow_from: IdList = ()
    # Transport credentials and endpoints (per channel kind; unused keys stay unset).
    bot_token: SecretStr | None = None
    api_base_url: str | None = None
    secret: SecretStr | None = None
    callback_url: str | None = None
    poll_timeout_seconds: int = Field(default=30, ge=0, le=50)
    # WhatsApp Cloud API: the webhook's app secret (X-Hub-Signature-256) and subscription
    # verify token, the Graph API access token and the business phone number's id.
    access_token: SecretStr | None = None
    app_secret: SecretStr | None = None
    verify_token: SecretStr | None = None
    phone_number_id: str | None = Field(default=None, pattern=r"^[0-9]{1,32}$")
    graph_api_version: str = Field(default="v21.0", pattern=r"^v[0-9]{1,3}\.[0-9]{1,3}$")
    # The business number's own identities, for native mentions in groups: its phone
    # number (E.164) and its LID (the newer opaque id WhatsApp mentions may carry).
    business_number: str | None = None
    business_lid: str | None = None
    # Signal through signal-cli's HTTP daemon: the registered number and the daemon's URL
    # (OpenClaw's keys). A daemon off this machine is refused unless allowRemoteDaemon.
    account: str | None = None
    http_url: str | None = None
    http_host: str | None = None
    http_port: int | None = Field(default=None, ge=1, le=65535)
    allow_remote_daemon: bool = False
    # The uid the daemon on this machine must run as (its socket's owner); unset: the
    # gateway's own uid. Another user's listener on the daemon's port is refused.
    daemon_uid: int | None = Field(default=None, ge=0, le=4_294_967_294)

    @model_validator(mode="after")
    def _open_needs_star(self) -> ChannelAccessConfig:
        # dmPolicy "open" admits strangers: it must be spelled out twice, never implied.
        if self.dm_policy == "open" and "*" not in self.allow_from:
            raise ValueError('dmPolicy "open" requires "*" in allowFrom (say it explicitly)')
        return self


class ChannelAccountConfig(ChannelAccessConfig):
    """`channels.<id>.accounts.<account>`: a second bot or number on the same channel."""

    @model_validator(mode="after")
    def _open_needs_star(self) -> ChannelAccountConfig:
        # Checked on the merged value (ChannelConfig.for_account): allowFrom may be inherited.
        return self


class ChannelConfig(ChannelAccessConfig):
    """`channels.<id>`: a channel's access rules, with optional per-account overrides."""

    accounts: dict[str, ChannelAccountConfig] = {}

    @model_validator(mode="after")
    def _accounts_open_needs_star(self) -> ChannelConfig:
        for name in self.accounts:
            self.for_account(name)  # raises for an account that is open without "*"
        return self

    def for_account(self, account: str) -> ChannelAccessConfig | None:
        """The effective settings of ``account`` ("default": the root), None if unknown."""
        own = self.accounts.get(account)
        if own is None:
            return self if account == "default" else None
        base = self.model_dump(exclude={"accounts"}, by_alias=False)
        # Only the keys the account set override the root; the rest is inherited.
        base.update(own.model_dump(include=own.model_fields_set, by_alias=False))
        return ChannelAccessConfig.model_validate(base)
