"""Which tools an agent can reach under the config (for the exposure checks).

The audit asks "could a stranger's message make this agent run exec?". It answers with
the tool policy's own resolution when that module is present, so the audit and the
enforcement never disagree.
"""

from __future__ import annotations

from clawkeep.audit.context import AuditContext
from clawkeep.config.agents import ResolvedAgent

__all__ = ["RUNTIME_OR_FS", "agent_can_use", "any_agent_can_use"]

RUNTIME_OR_FS = ("exec", "process", "write", "edit", "apply_patch", "read")

_GROUPS: dict[str, tuple[str, ...]] = {
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
    "group:ui": ("browser", "canvas"),
    "group:automation": ("cron", "gateway"),
    "group:nodes": ("nodes",),
    "group:messaging": ("message",),
}
_PROFILES: dict[str, tuple[str, ...]] = {
    "minimal": ("session_status",),
    "messaging": ("group:messaging", "sessions_list", "sessions_history", "sessions_send"),
    "coding": ("group:fs", "group:runtime", "group:sessions", "image"),
}


def _expand(names: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for raw in names:
        name = raw.strip().lower()
        name = "exec" if name == "bash" else name
        out.update(_GROUPS.get(name, (name,)))
    return out


def _matches(tool: str, names: set[str]) -> bool:
    if "*" in names or tool in names:
        return True
    return any(n.endswith("*") and tool.startswith(n[:-1]) for n in names)


def agent_can_use(ctx: AuditContext, agent: ResolvedAgent, tool: str) -> bool:
    """True when no layer of the tool policy refuses ``tool`` to ``agent``."""
    tools = ctx.config.tools
    if _matches(tool, _expand(tools.deny) | _expand(agent.tools.deny)):
        return False
    for profile in (tools.profile, agent.tools.profile):
        if profile and profile != "full" and not _matches(tool, _expand(_PROFILES[profile])):
            return False
    for allow, also in (
        (tools.allow, tools.also_allow),
        (agent.tools.allow, agent.tools.also_allow),
    ):
        if allow is not None and not _matches(tool, _expand(allow) | _expand(also)):
            return False
    return True


def any_agent_can_use(ctx: AuditContext, tool: str) -> list[str]:
    """Ids of the agents that can use ``tool``."""
    return [a.id for a in ctx.agents if agent_can_use(ctx, a, tool)]
