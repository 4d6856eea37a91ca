"""Small value types shared by config sections."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["Id", "IdList"]


def _id_to_str(value: Any) -> Any:
    # Channels deliver numeric ids (Telegram user ids); compare everything as text.
    if isinstance(value, bool):
        return value  # let validation reject it: true is not a sender id
    if isinstance(value, int):
        return str(value)
    return value


Id = Annotated[str, BeforeValidator(_id_to_str)]
IdList = tuple[Id, ...]
