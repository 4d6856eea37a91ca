"""Group messages: groupPolicy, the `groups` allowlist, sender lists and mention gating.

- ``groupPolicy`` allowlist (default): the keys of ``groups`` are the allowed groups,
  ``"*"`` allows every group; open: any group; disabled: none.
- Senders: the group's own ``allowFrom``, else ``groupAllowFrom``, else ``allowFrom``.
  Under allowlist an empty list admits nobody; under open an unset list admits everyone.
- ``requireMention`` (the group's, else ``"*"``'s, else true): unmentioned messages are
  dropped without an answer.
"""

from __future__ import annotations

import re

from clawkeep.access._ids import id_listed
from clawkeep.access.mentions import is_mentioned
from clawkeep.access.verdict import AccessVerdict
from clawkeep.config.schema.channels import ChannelAccessConfig, GroupConfig
from clawkeep.contracts import InboundMessage

__all__ = ["decide_group"]


def _sender_list(cfg: ChannelAccessConfig, group: GroupConfig | None) -> tuple[str, ...] | None:
    if group is not None and group.allow_from is not None:
        return group.allow_from
    if cfg.group_allow_from is not None:
        return cfg.group_allow_from
    if cfg.group_policy == "open":
        return None  # open and no list set: every sender in any group
    return cfg.allow_from


def decide_group(
    message: InboundMessage, cfg: ChannelAccessConfig, patterns: tuple[re.Pattern[str], ...]
) -> AccessVerdict:
    """Admit or drop one group message under ``cfg``."""
    if cfg.group_policy == "disabled":
        return AccessVerdict("drop", "access.group.disabled")
    if not message.group:  # a group message must say which group: no shared "" session
        return AccessVerdict("drop", "access.group.missing_id")
    group_id = message.group
    own = cfg.groups.get(group_id)
    star = cfg.groups.get("*")
    if cfg.group_policy == "allowlist" and own is None and star is None:
        return AccessVerdict("drop", "access.group.not_allowed")  # not a key of `groups`
    rules = own or star
    if rules is not None and not rules.enabled:
        return AccessVerdict("drop", "access.group.disabled")
    senders = _sender_list(cfg, rules)
    if senders is not None and not id_listed(message.sender, message.channel, senders):
        return AccessVerdict("drop", "access.group.sender_not_allowed")
    need = next(
        (g.require_mention for g in (own, star) if g and g.require_mention is not None), True
    )  # unset: require a mention (the safe choice in a crowd)
    if need and not is_mentioned(message, patterns):
        return AccessVerdict("drop", "access.group.no_mention")
    return AccessVerdict("admit", "access.group.allowed")
