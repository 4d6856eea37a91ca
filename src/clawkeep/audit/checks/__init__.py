"""Importing this package registers every audit check with the registry."""

from clawkeep.audit.checks import (
    browser_containment,
    channels,
    config_flags,
    control_ui,
    execution,
    exfiltration,
    features,
    filesystem,
    gateway,
    guards,
    ingress,
    operator,
    sandbox,
    tools,
    transports,
)

__all__ = [
    "browser_containment",
    "channels",
    "config_flags",
    "control_ui",
    "execution",
    "exfiltration",
    "features",
    "filesystem",
    "gateway",
    "guards",
    "ingress",
    "operator",
    "sandbox",
    "tools",
    "transports",
]
