"""Whether a plugin may start: its id listed in `plugins.allow`, its entry not
`enabled: false`, not listed in `plugins.deny`, and plugins not switched off as a whole.
Every check must pass; a missing `plugins.allow` allows none (clawkeep loads nothing it
was not told to).
"""

from __future__ import annotations

import re

from clawkeep.config.schema import RootConfig
from clawkeep.decision import Allow, Deny

__all__ = ["PLUGIN_ID", "may_start"]

PLUGIN_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
"""A plugin id: lower case, digits and dashes, so `<id>_<tool>` names cannot collide."""


def may_start(config: RootConfig, plugin_id: str) -> Allow | Deny:
    """Decide one plugin id against `plugins`; Allow only when every check passes."""
    plugins = config.plugins
    if not PLUGIN_ID.fullmatch(plugin_id):
        return Deny("plugins.bad_id", f"{plugin_id!r} is not a plugin id (a-z, 0-9, '-')")
    if not plugins.enabled:
        return Deny("plugins.all_disabled", "plugins.enabled is false")
    if plugin_id in plugins.deny:  # deny wins over allow
        return Deny("plugins.denied", f"{plugin_id} is listed in plugins.deny")
    if plugins.allow is None or plugin_id not in plugins.allow:
        # No allowlist means no plugin: a folder copied into extensions/ never runs by itself.
        return Deny("plugins.not_allowed", f"{plugin_id} is not listed in plugins.allow")
    entry = plugins.entries.get(plugin_id)
    if entry is not None and entry.enabled is False:
        return Deny("plugins.disabled", f"plugins.entries.{plugin_id}.enabled is false")
    return Allow("plugins.allowed", plugin_id)
