"""Outbound: whom an agent may message first (the `message` tool), decided by access.

A prompt-injected agent must not be able to message strangers (spam, phishing in the
owner's name, exfiltration to an outside account). A recipient may be messaged only if a
direct message from it would be admitted right now by the same dmPolicy decision the
inbound side uses (``dm_standing``): listed in ``allowFrom`` (same id matching), or
approved in the pairing store under ``dmPolicy: pairing``. So under ``allowlist`` or
``disabled`` an old pairing approval does not count, outbound as inbound. ``"*"`` never
names a recipient, and ``dmPolicy: open`` admits strangers in but not out. A group may be
messaged when it is a key of ``groups`` and ``groupPolicy`` is not ``disabled``.

Reason codes: access.dm.allowed, access.dm.approved, access.message.group_allowed,
access.message.stranger, access.message.group_disabled, and the drops of
``dm_standing`` and ``channel_settings``.
"""

from __future__ import annotations

from clawkeep.access.dm import dm_standing
from clawkeep.access.gate import channel_settings
from clawkeep.access.pairing import PairingStore
from clawkeep.access.verdict import AccessVerdict
from clawkeep.config.schema import RootConfig

__all__ = ["may_message"]


def may_message(
    config: RootConfig,
    store: PairingStore | None,
    channel: str,
    to: str,
    account: str = "default",
) -> AccessVerdict:
    """Whether an agent may send a message to ``to`` on ``channel``/``account``."""
    if to == "*":  # a wildcard is never a recipient
        return AccessVerdict("drop", "access.message.stranger", detail="'*' is not a recipient")
    cfg = channel_settings(config, channel, account)
    if isinstance(cfg, AccessVerdict):
        return cfg
    group = cfg.groups.get(to)
    if group is not None:
        if cfg.group_policy == "disabled" or not group.enabled:
            return AccessVerdict("drop", "access.message.group_disabled")
        return AccessVerdict("admit", "access.message.group_allowed")
    standing = dm_standing(to, channel, account, cfg, store)
    if standing is None or standing.reason == "access.dm.open":
        # Unknown, or admitted in only because the DM policy is open: still a stranger.
        return AccessVerdict("drop", "access.message.stranger")
    return standing
