"""Secret values the audit and the gateway refuse: placeholders and unexpanded references."""

from __future__ import annotations

import re

__all__ = ["looks_placeholder"]

_PLACEHOLDERS = {
    "changeme",
    "change-me",
    "change_me",
    "your-token-here",
    "your_token_here",
    "your-token",
    "yourtoken",
    "token",
    "password",
    "secret",
    "example",
    "xxx",
    "<token>",
    "replace-me",
    "todo",
}


def looks_placeholder(value: str) -> bool:
    """True for a literal `${...}`, a `<...>` template, or a well-known example value."""
    text = value.strip()
    if re.search(r"\$\{[^}]*\}", text) or re.fullmatch(r"<[^>]*>", text):
        return True
    if re.fullmatch(r"(.)\1{5,}", text):  # "xxxxxxxx", "00000000"
        return True
    return text.lower() in _PLACEHOLDERS
