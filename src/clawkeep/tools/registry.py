"""The native tools by name. The turn loop offers the intersection of this registry and
the policy's offered set; plugin tools would be added here under their own names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from clawkeep.policy.catalog import canonical_name
from clawkeep.tools import (
    browser,
    edit,
    exec,
    gateway,
    message,
    process,
    read,
    session_status,
    sessions_history,
    sessions_list,
    sessions_send,
    web_fetch,
    web_search,
    write,
)
from clawkeep.tools.base import ToolDef

__all__ = ["NATIVE_TOOLS", "registry"]

NATIVE_TOOLS: Mapping[str, ToolDef] = MappingProxyType(
    {
        t.TOOL.name: t.TOOL
        for t in (
            read,
            write,
            edit,
            exec,
            process,
            web_fetch,
            web_search,
            sessions_list,
            sessions_history,
            sessions_send,
            session_status,
            message,
            gateway,
            browser,
        )
    }
)


def registry(extra: Iterable[ToolDef] = ()) -> Mapping[str, ToolDef]:
    """The native tools plus ``extra`` (plugin tools); a plugin cannot replace a native one."""
    tools = dict(NATIVE_TOOLS)
    for tool in extra:
        if canonical_name(tool.name) != tool.name:
            # The policy judges canonical names: a bent one could pass as another tool.
            raise ValueError(f"plugin tool name {tool.name!r} is not canonical (lower case)")
        if tool.name in tools:
            raise ValueError(f"plugin tool {tool.name!r} would shadow a native tool")
        tools[tool.name] = tool
    return MappingProxyType(tools)
