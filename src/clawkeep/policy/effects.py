"""What a tool does to the world: its declared effects, and which arguments choose where.

Built-in tools declare theirs in code (``ToolDef.effects``). Plugin and MCP tools take
them from MCP tool annotations (``readOnlyHint``, ``destructiveHint``, ``openWorldHint``,
with the MCP spec's defaults), and `tools.untrusted.tools.<name>` in the config overrides
either. A tool with no declaration at all is treated as the worst case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from clawkeep.risk import EFFECTS, Effect

__all__ = [
    "EFFECTS",
    "WORST_CASE",
    "Effect",
    "ToolEffects",
    "effects_from_annotations",
    "is_content_name",
    "resolve_effects",
]


# Argument names that carry content (a body, a text), never a destination.
_CONTENT_NAMES: Final = frozenset(
    {
        "body",
        "text",
        "message",
        "content",
        "subject",
        "title",
        "description",
        "note",
        "notes",
        "caption",
        "comment",
        "summary",
        "query",
        "html",
        "markdown",
    }
)
_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[_\-\s]+")


def is_content_name(name: str) -> bool:
    """Whether an argument's name says it only carries content (``body``, ``emailText``)."""
    return _is_content_name(name)


def _is_content_name(name: str) -> bool:
    parts = [p.lower() for p in _SPLIT.split(name) if p]
    # "email_body", "messageText": the last word says what the argument holds.
    return bool(parts) and parts[-1] in _CONTENT_NAMES


@dataclass(frozen=True, slots=True)
class ToolEffects:
    """A tool's effects and its argument roles.

    ``selectors`` name the arguments that choose where or what (None: every argument not
    named as content). ``content`` names arguments that only carry content (None: guessed
    from the name, e.g. ``body``, ``emailText``).
    """

    effects: frozenset[Effect]
    selectors: tuple[str, ...] | None = None
    content: tuple[str, ...] | None = None
    declared_by: str = "code"  # code, annotations, config, worst_case

    @property
    def guessed(self) -> bool:
        """Whether argument roles are guessed from names (nothing declared them)."""
        return self.selectors is None and self.content is None

    @property
    def read_only(self) -> bool:
        return self.effects <= {"read_only"}

    def side_effects(self) -> frozenset[Effect]:
        return self.effects - {"read_only"}

    def is_selector(self, arg: str) -> bool:
        """Whether ``arg`` chooses where or what (and so must be grounded)."""
        if self.selectors is not None:
            return arg in self.selectors
        if self.content is not None:
            return arg not in self.content
        return not _is_content_name(arg)


WORST_CASE: Final = ToolEffects(
    frozenset(e for e in EFFECTS if e != "read_only"), None, (), "worst_case"
)
"""No declaration: every effect, every argument a selector."""


def _hint(annotations: Mapping[str, Any], key: str, default: bool) -> bool:
    value = annotations.get(key, default)
    return value if isinstance(value, bool) else default  # a non-bool hint: the default


def effects_from_annotations(annotations: Mapping[str, Any]) -> ToolEffects:
    """Effects from MCP tool annotations, with the MCP spec's defaults for missing hints
    (readOnlyHint false, destructiveHint true, openWorldHint true)."""
    if _hint(annotations, "readOnlyHint", False):
        return ToolEffects(frozenset({"read_only"}), declared_by="annotations")
    # Not read-only: it changes its world, which is outside for an open-world tool.
    open_world = _hint(annotations, "openWorldHint", True)
    effects: set[Effect] = {"sends_outside"} if open_world else {"writes_workspace"}
    if _hint(annotations, "destructiveHint", True):
        effects.add("destroys")
    return ToolEffects(frozenset(effects), declared_by="annotations")


def resolve_effects(
    declared: ToolEffects | None,
    annotations: Mapping[str, Any] | None,
    override: ToolEffects | None = None,
) -> ToolEffects:
    """The config's override, else the code's declaration, else the MCP annotations,
    else the worst case."""
    if override is not None:
        return override
    if declared is not None:
        return declared
    if annotations is not None:
        return effects_from_annotations(annotations)
    return WORST_CASE  # undeclared: assume it can do anything
