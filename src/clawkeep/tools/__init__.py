"""The agent's tools, one small module each; see ``clawkeep.tools.registry``."""

from __future__ import annotations

from clawkeep.tools.base import (
    ArgsModel,
    ContentHook,
    ControlPlane,
    Delegate,
    Messenger,
    SearchBackend,
    ToolContext,
    ToolDef,
    ToolResult,
    ToolServices,
    refuse,
)

__all__ = [
    "ArgsModel",
    "ContentHook",
    "ControlPlane",
    "Delegate",
    "Messenger",
    "SearchBackend",
    "ToolContext",
    "ToolDef",
    "ToolResult",
    "ToolServices",
    "refuse",
]
