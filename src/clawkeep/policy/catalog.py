"""The tool vocabulary: native tool names, OpenClaw's groups and profiles, and aliases.

Names in configs and names in model tool calls both pass ``canonical_name`` first, so
`Bash`, ` exec ` and `EXEC` are all judged as `exec`; a name that is not a known tool
(native or registered by a plugin) is refused by the policy.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = [
    "ALIASES",
    "CORE_TOOLS",
    "PROFILES",
    "TOOL_GROUPS",
    "canonical_name",
    "expand_entry",
]

TOOL_GROUPS: Final = MappingProxyType(
    {
        "group:fs": ("read", "write", "edit", "apply_patch"),
        "group:runtime": ("exec", "process"),
        "group:web": ("web_search", "web_fetch"),
        "group:sessions": (
            "sessions_list",
            "sessions_history",
            "sessions_send",
            "sessions_spawn",
            "session_status",
        ),
        "group:memory": ("memory_search", "memory_get"),
        "group:ui": ("browser", "canvas"),
        "group:automation": ("cron", "gateway"),
        "group:nodes": ("nodes",),
        "group:messaging": ("message",),
    }
)
"""Static groups; `group:plugins` (every plugin tool) and `group:openclaw` (every native
tool) are resolved against the registry when a policy is built."""

CORE_TOOLS: Final = frozenset(
    {name for members in TOOL_GROUPS.values() for name in members} | {"image", "agents_list"}
)

PROFILES: Final = MappingProxyType(
    {
        "minimal": ("session_status",),
        "coding": ("group:fs", "group:runtime", "group:sessions", "group:memory", "image"),
        "messaging": (
            "group:messaging",
            "sessions_list",
            "sessions_history",
            "sessions_send",
            "session_status",
        ),
    }
)
"""Profile allow lists; `full` (and no profile) puts no restriction at this layer."""

ALIASES: Final = MappingProxyType({"bash": "exec", "apply-patch": "apply_patch"})


def canonical_name(raw: str) -> str:
    """Strip, casefold and de-alias a tool name (as written in a config or a tool call)."""
    name = raw.strip().casefold()
    return ALIASES.get(name, name)


def expand_entry(entry: str, plugin_tools: frozenset[str]) -> tuple[str, ...]:
    """One allow/deny entry as the canonical names or glob it stands for."""
    name = canonical_name(entry)
    if name == "group:plugins":
        return tuple(sorted(plugin_tools))
    if name == "group:openclaw":
        return tuple(sorted(CORE_TOOLS))
    return TOOL_GROUPS.get(name, (name,))
