"""Importing this package registers every audit check with the registry."""

from clawkeep.audit.checks import (
    channels,
    execution,
    exfiltration,
    features,
    filesystem,
    gateway,
    guards,
    ingress,
    sandbox,
    tools,
)

__all__ = [
    "channels",
    "execution",
    "exfiltration",
    "features",
    "filesystem",
    "gateway",
    "guards",
    "ingress",
    "sandbox",
    "tools",
]
