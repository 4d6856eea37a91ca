"""Config keys of the command-guard (shell command judgement): `guards.command` section.

Safe defaults: with nothing set, every blocked class of the command-guard is enforced.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from clawkeep.config.schema._base import Model

__all__ = ["CommandGuardConfig"]


class CommandGuardConfig(Model):
    """Settings of the command-guard (shell command judgement).

    ``deny_commands``: extra command names (basenames) that are always refused.
    ``allow_commands``: command names whose *name-based* rules are lifted (for example
    ``nc`` for an agent that must probe ports); path rules (credential reads, deletes of
    roots, writes outside the workspace) still apply to them. A name in both lists is denied.
    ``max_depth``: how deep nested ``bash -c`` / ``eval`` / inline code is re-parsed; deeper
    nesting is refused.
    """

    deny_commands: tuple[str, ...] = ()
    allow_commands: tuple[str, ...] = ()
    max_depth: int = Field(default=6, ge=1, le=16)

    @field_validator("deny_commands", "allow_commands")
    @classmethod
    def _basenames(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        for name in names:
            if not name or "/" in name or name.strip() != name:
                raise ValueError(f"{name!r} is not a command name: give a bare basename")
        return names
