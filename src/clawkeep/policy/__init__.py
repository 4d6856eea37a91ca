"""The tool policy: which tools an agent's turn may use, decided before any tool runs.

Same semantics as OpenClaw: profiles, groups, `*` globs, the bash -> exec alias, layers
profile -> global -> agent -> group -> sandbox (+ elevated host exec, + per-turn
denies); deny wins and every layer must allow.
"""

from __future__ import annotations

from clawkeep.policy._sources import agent_entry
from clawkeep.policy.catalog import CORE_TOOLS, PROFILES, TOOL_GROUPS, canonical_name
from clawkeep.policy.resolve import PolicyContext, ToolPolicy, ToolVerdict, resolve_policy

__all__ = [
    "CORE_TOOLS",
    "PROFILES",
    "TOOL_GROUPS",
    "PolicyContext",
    "ToolPolicy",
    "ToolVerdict",
    "agent_entry",
    "canonical_name",
    "resolve_policy",
]
