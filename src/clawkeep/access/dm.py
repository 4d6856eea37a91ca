"""Direct messages: dmPolicy, allowFrom and the pairing store decide who may talk.

Allowed senders are ``allowFrom`` plus, under ``pairing`` only, the senders approved in
the pairing store (``allowlist`` never consults the store: an old approval cannot
outlive a switch to an explicit list).
"""

from __future__ import annotations

from clawkeep.access._ids import id_listed
from clawkeep.access.pairing import PairingStore
from clawkeep.access.verdict import AccessVerdict
from clawkeep.config.schema.channels import ChannelAccessConfig
from clawkeep.contracts import InboundMessage

__all__ = ["decide_dm", "dm_standing", "pairing_reply"]


def pairing_reply(channel: str, code: str) -> str:
    return (
        f"This agent does not know you yet. Your pairing code is {code} (valid for one hour). "
        f"Ask its owner to run: clawkeep pairing approve {channel} {code}"
    )


def dm_standing(
    sender: str,
    channel: str,
    account: str,
    cfg: ChannelAccessConfig,
    store: PairingStore | None,
) -> AccessVerdict | None:
    """What dmPolicy says of ``sender`` now: admit, drop, or None (not known: pairing).

    ``store`` None holds no approvals.
    """
    policy = cfg.dm_policy
    if policy == "disabled":
        return AccessVerdict("drop", "access.dm.disabled")
    listed = [e for e in cfg.allow_from if e != "*"]
    if id_listed(sender, channel, listed):
        return AccessVerdict("admit", "access.dm.allowed")
    if policy == "open" and "*" in cfg.allow_from:  # open needs "*" spelled out
        return AccessVerdict("admit", "access.dm.open")
    if policy != "pairing":  # allowlist (or open without "*"): the store is not consulted
        return AccessVerdict("drop", "access.dm.not_allowed")
    if store is not None and store.is_approved(channel, account, sender):
        return AccessVerdict("admit", "access.dm.approved")
    return None


def decide_dm(
    message: InboundMessage, cfg: ChannelAccessConfig, store: PairingStore
) -> AccessVerdict:
    """Admit, pair or drop one direct message under ``cfg``."""
    standing = dm_standing(message.sender, message.channel, message.account, cfg, store)
    if standing is not None:
        return standing
    req = store.request(
        message.channel, message.account, message.sender, sender_name=message.sender_name
    )
    if req.status == "issued" and req.code is not None:
        return AccessVerdict(
            "pair", "access.pairing.code_issued", pairing_reply(message.channel, req.code)
        )
    if req.status == "pending":  # the code was sent once; a repeat gets no second reply
        return AccessVerdict("pair", "access.pairing.pending")
    return AccessVerdict("drop", "access.pairing.cap_reached")  # no code, no reply
