"""Importing this package registers every audit check with the registry."""

from clawkeep.audit.checks import (
    browser_containment,
    channels,
    features,
    filesystem,
    gateway,
    guards,
    sandbox,
    tools,
    transports,
)

__all__ = [
    "browser_containment",
    "channels",
    "features",
    "filesystem",
    "gateway",
    "guards",
    "sandbox",
    "tools",
    "transports",
]
