"""Config keys of the file-guard (protected path patterns and levels): `guards.file`.

The built-in protected patterns are not in the config: the config can only add patterns
to a level, never remove one (a pattern starting with ``!`` would un-protect, so it is
refused), and the one switch that relaxes a default, ``unlockIdentityFiles``, is off
unless spelled out (the audit reports it).
"""

from __future__ import annotations

from pydantic import Field, field_validator

from clawkeep.config.schema._base import Model

__all__ = ["FileGuardConfig"]


def _check_patterns(value: tuple[str, ...]) -> tuple[str, ...]:
    for pattern in value:
        if not pattern.strip():
            raise ValueError("a protected pattern must not be empty")
        if pattern.startswith("!"):
            # Overrides can only add protection: a negated pattern would remove some.
            raise ValueError(f"pattern {pattern!r}: negation ('!') cannot un-protect a path")
        if "\x00" in pattern or "\\" in pattern:
            raise ValueError(f"pattern {pattern!r}: use '/' separators and no NUL")
    return value


class FileGuardConfig(Model):
    """Settings of the file-guard: extra protected patterns per level, identity unlock.

    Patterns are gitignore-style, matched case-insensitively on the path relative to the
    workspace root after resolution: ``name`` matches at any depth (and everything under
    a directory of that name), ``/name`` only at the root, ``dir/**/x`` across levels.
    """

    no_access: tuple[str, ...] = Field(default=())
    read_only: tuple[str, ...] = Field(default=())
    no_delete: tuple[str, ...] = Field(default=())
    unlock_identity_files: bool = False
    portable_names: bool = True

    _v_no_access = field_validator("no_access")(_check_patterns)
    _v_read_only = field_validator("read_only")(_check_patterns)
    _v_no_delete = field_validator("no_delete")(_check_patterns)

    def with_override(self, override: FileGuardConfig) -> FileGuardConfig:
        """An agent's settings on top of these: patterns add up; relaxing needs both."""
        return FileGuardConfig(
            no_access=self.no_access + override.no_access,
            read_only=self.read_only + override.read_only,
            no_delete=self.no_delete + override.no_delete,
            # An agent can re-lock what the defaults unlock, never unlock on its own.
            unlock_identity_files=self.unlock_identity_files and override.unlock_identity_files,
            portable_names=self.portable_names or override.portable_names,
        )
