"""Access control: who may talk to an agent (dmPolicy, pairing, groupPolicy, mentions)."""

from __future__ import annotations

from clawkeep.access._ids import id_listed
from clawkeep.access.dm import decide_dm, dm_standing
from clawkeep.access.gate import WEBCHAT, AccessControl, channel_settings
from clawkeep.access.groups import decide_group
from clawkeep.access.mentions import compile_patterns, is_mentioned
from clawkeep.access.outbound import may_message
from clawkeep.access.pairing import (
    Approval,
    ApprovedSender,
    PairingRequest,
    PairingStore,
    PendingRequest,
)
from clawkeep.access.verdict import AccessAction, AccessVerdict

__all__ = [
    "WEBCHAT",
    "AccessAction",
    "AccessControl",
    "AccessVerdict",
    "Approval",
    "ApprovedSender",
    "PairingRequest",
    "PairingStore",
    "PendingRequest",
    "channel_settings",
    "compile_patterns",
    "decide_dm",
    "decide_group",
    "dm_standing",
    "id_listed",
    "is_mentioned",
    "may_message",
]
