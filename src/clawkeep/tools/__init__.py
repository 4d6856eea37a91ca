"""The agent's tools, one small module each; see ``clawkeep.tools.registry``."""

from __future__ import annotations

from clawkeep.tools._background import BackgroundJobs
from clawkeep.tools._sessions import main_key
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
    "BackgroundJobs",
    "ContentHook",
    "ControlPlane",
    "Delegate",
    "Messenger",
    "SearchBackend",
    "ToolContext",
    "ToolDef",
    "ToolResult",
    "ToolServices",
    "main_key",
    "refuse",
]
