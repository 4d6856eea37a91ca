"""One layer of the tool policy: an optional allow list and a deny list, with their keys.

Entries are canonical names, `group:*` names or `*` globs. A layer with no allow list
puts no restriction; with one, a tool must match it. Plugin tools match an allow list
only when named (or by `group:plugins` / a glob): they are blocked under an allow list.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass

from clawkeep.policy.catalog import expand_entry

__all__ = ["Layer", "Rules", "compile_rules"]


@dataclass(frozen=True, slots=True)
class Rules:
    """A compiled list: exact names, globs, and the config entry each came from."""

    key: str  # where in the config the list lives (e.g. "agents.list[main].tools.deny")
    exact: dict[str, str]  # canonical name -> the entry as written
    globs: tuple[tuple[re.Pattern[str], str], ...]

    def match(self, name: str) -> str | None:
        """The entry (as written) that matches ``name``, or None."""
        hit = self.exact.get(name)
        if hit is not None:
            return hit
        return next((entry for rx, entry in self.globs if rx.fullmatch(name)), None)


def compile_rules(key: str, entries: Iterable[str], plugin_tools: frozenset[str]) -> Rules:
    """Compile config entries (groups expanded, aliases applied) into a matcher."""
    exact: dict[str, str] = {}
    globs: list[tuple[re.Pattern[str], str]] = []
    for entry in entries:
        for name in expand_entry(entry, plugin_tools):
            if "*" in name or "?" in name:
                globs.append((re.compile(fnmatch.translate(name)), entry))
            else:
                exact.setdefault(name, entry)
    return Rules(key, exact, tuple(globs))


@dataclass(frozen=True, slots=True)
class Layer:
    """One step of profile -> global -> agent -> group -> sandbox -> elevated -> turn."""

    name: str
    allow: Rules | None
    deny: Rules

    @classmethod
    def build(
        cls,
        name: str,
        key: str,
        allow: Iterable[str] | None,
        deny: Iterable[str],
        plugin_tools: frozenset[str],
    ) -> Layer:
        allow_rules = None if allow is None else compile_rules(f"{key}.allow", allow, plugin_tools)
        return cls(name, allow_rules, compile_rules(f"{key}.deny", deny, plugin_tools))
