"""Tokens of text and arguments, compared without any mapping that could make two
different destinations equal: ASCII is case-folded, anything else must match exactly.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["digits_of", "host_of_url", "norm", "words"]

_TRIM = "\"'`.,;:!?()[]{}<>*"
_DIGITS = re.compile(r"^[\d\s\-./+]+$")


def norm(token: str) -> str:
    """ASCII case-folded; a token with any non-ASCII character stays byte-for-byte (a
    confusable or the Kelvin sign must not turn into the owner's letter)."""
    token = token.strip(_TRIM)
    return token.lower() if token.isascii() else token


def words(text: str) -> list[str]:
    """Whitespace-separated words, punctuation trimmed at both ends, normalised."""
    out = []
    for raw in text.split():
        w = norm(raw)
        if w:
            out.append(w)
    return out


def digits_of(token: str) -> str | None:
    """An account-like number with its separators removed (6+ digits), else None."""
    if not _DIGITS.match(token):
        return None
    digits = "".join(c for c in token if c.isdigit())
    return digits if len(digits) >= 6 else None


def host_of_url(value: str) -> tuple[str, bool] | None:
    """(host, plain) of an http(s)/ws URL; ``plain`` is False when the URL carries more
    than scheme, host, port and path (userinfo, query, fragment) or the host is encoded."""
    if "://" not in value:
        return None
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname or ""
    except ValueError:
        return ("", False)  # a URL the parser refuses grounds nothing
    plain = (
        not parts.username
        and not parts.password
        and not parts.query
        and not parts.fragment
        and host.isascii()
        and "%" not in (parts.netloc or "")
    )
    return host, plain
