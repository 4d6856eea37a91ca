"""Gateway secrets: how a token is made, how one is compared, and which values are placeholders.

A placeholder (`${OPENCLAW_GATEWAY_TOKEN}` pasted literally, "changeme", the guide's example
values) is as good as no secret at all: anyone who read the same guide knows it.
"""

from __future__ import annotations

import hmac
import re
import secrets

__all__ = ["MIN_TOKEN_LENGTH", "constant_time_equal", "generate_token", "placeholder_secret"]

MIN_TOKEN_LENGTH = 16

_PLACEHOLDERS = frozenset(
    {
        "changeme",
        "change-me",
        "change_me",
        "changethis",
        "changeit",
        "your-token-here",
        "your_token_here",
        "yourtokenhere",
        "your-token",
        "your-password",
        "your-password-here",
        "your-secret-here",
        "your-gateway-token",
        "token",
        "password",
        "secret",
        "example",
        "placeholder",
        "replace-me",
        "replaceme",
        "xxx",
        "todo",
        "test",
        "admin",
        "default",
        "<token>",
        "<temp>",
        "<password>",
        "<your-token>",
        "...",
    }
)
# A `${NAME}` left literal (escaped, or pasted from the guide) or an <angle-bracket> stand-in.
_TEMPLATE = re.compile(r"\$\{[^}]*\}|^<[^<>]*>$|^\{\{.*\}\}$")
_ONE_CHAR = re.compile(r"^(.)\1*$")


def generate_token() -> str:
    """A new gateway token: 24 random bytes from the OS CSPRNG, as 48 hex characters."""
    return secrets.token_hex(24)


def constant_time_equal(given: str, expected: str) -> bool:
    """Compare two secrets without leaking, through timing, how much of a prefix matched."""
    return hmac.compare_digest(given.encode(), expected.encode())


def placeholder_secret(value: str) -> bool:
    """True when ``value`` is a stand-in, not a real secret (empty, template, example value)."""
    text = value.strip()
    lowered = text.lower()
    if not text or lowered in _PLACEHOLDERS:
        return True
    if _TEMPLATE.search(text) or _ONE_CHAR.match(text):
        return True
    squashed = re.sub(r"[^a-z]", "", lowered)
    return squashed in {"changeme", "yourtokenhere", "yourpasswordhere", "replaceme"}
