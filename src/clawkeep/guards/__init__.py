"""The guards: deterministic checks a tool call or a message passes before it acts.

- ``channel_guard``  prompt-injection classifier on inbound messages: allow | flag | block
- ``content_guard``  the same on text crossing agents (delegation, fetched content)
- ``injection``      the classifier and rules both of them use
- ``file_guard``     paths: workspace containment, protected patterns, no link tricks
- ``network_guard``  URLs and addresses: SSRF ranges, domain allowlists, pinned DNS
- ``command_guard``  shell command lines: what they would run, read and reach

Each guard is its own package, imported where it is used (the classifiers load a model).
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = [
    "channel_guard",
    "command_guard",
    "content_guard",
    "file_guard",
    "injection",
    "network_guard",
]


def __getattr__(name: str) -> ModuleType:
    if name not in __all__:
        raise AttributeError(f"module 'clawkeep.guards' has no attribute {name!r}")
    return importlib.import_module(f"clawkeep.guards.{name}")
