"""The Signal channel (through signal-cli's HTTP daemon on this machine)."""

from __future__ import annotations

from clawkeep.channels.signal.client import (
    DaemonAddress,
    SignalClient,
    SignalError,
    daemon_address,
)
from clawkeep.channels.signal.parse import SIGNAL, parse_event
from clawkeep.channels.signal.receiver import (
    SignalReceiver,
    receiver_from_config,
    receivers_from_config,
)

__all__ = [
    "SIGNAL",
    "DaemonAddress",
    "SignalClient",
    "SignalError",
    "SignalReceiver",
    "daemon_address",
    "parse_event",
    "receiver_from_config",
    "receivers_from_config",
]
