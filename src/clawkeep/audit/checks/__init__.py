"""Importing this package registers every audit check with the registry."""

from clawkeep.audit.checks import (
    channels,
    features,
    filesystem,
    gateway,
    guards,
    operator,
    sandbox,
    tools,
    transports,
)

__all__ = [
    "channels",
    "features",
    "filesystem",
    "gateway",
    "guards",
    "operator",
    "sandbox",
    "tools",
    "transports",
]
