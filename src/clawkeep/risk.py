"""The risk lists: one source for enforcement (policy, turn loop, pipeline, guards) and
the audit.

A tool here is one whose misuse by a prompt-injected model has a side effect outside the
conversation: code execution, control of the gateway, files, network egress, reaching
other agents or people.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = [
    "CONTROL_PLANE_TOOLS",
    "DANGEROUS_TOOLS",
    "EFFECTS",
    "FLAGGED_TURN_DENY",
    "HOST_EXEC_TOOLS",
    "IDENTITY_FILES",
    "SEED_AGENT_DENY",
    "Effect",
]

Effect = Literal[
    "read_only",
    "writes_workspace",
    "sends_outside",
    "executes_code",
    "destroys",
    "controls_gateway",
]
"""What a tool call can do to the world (declared per tool; see clawkeep.policy.effects)."""
EFFECTS: Final[tuple[Effect, ...]] = get_args(Effect)

HOST_EXEC_TOOLS: Final = frozenset({"exec", "process"})
"""Run code; outside a sandbox only with `tools.elevated` (the elevated layer)."""

CONTROL_PLANE_TOOLS: Final = frozenset({"gateway", "cron", "nodes"})
"""Reconfigure or restart the gateway, schedule work, run commands on paired nodes."""

DANGEROUS_TOOLS: Final = (
    HOST_EXEC_TOOLS
    | CONTROL_PLANE_TOOLS
    | frozenset(
        {
            "write",
            "edit",
            "apply_patch",
            "browser",
            "canvas",
            "web_fetch",
            "sessions_send",
            "message",
        }
    )
)
"""Tools the audit names when an agent exposed to untrusted input can use them."""

FLAGGED_TURN_DENY: Final = DANGEROUS_TOOLS | frozenset({"sessions_spawn", "web_search"})
"""Stripped for a turn whose message the channel guard flagged as a likely injection."""

SEED_AGENT_DENY: Final = ("gateway", "exec", "process", "canvas", "nodes")
"""The hardening guide's per-agent deny list (Per-Agent Tool Restrictions)."""

IDENTITY_FILES: Final = ("SOUL.md", "AGENTS.md", "USER.md")
"""Workspace files that make the system prompt: write-protected from the agent by default."""
