"""The base of every config model: frozen, strict about unknown keys, camelCase on disk."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

__all__ = ["Model"]


class Model(BaseModel):
    """Config keys are camelCase in the file (as OpenClaw spells them), snake_case in code.

    ``extra="forbid"``: an unknown key is an error in strict mode (a typo in a security
    setting must not silently fall back to a default); the audit turns it into a finding.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=to_camel,
        populate_by_name=True,
        validate_default=True,
    )
