"""Which strings of a loaded config are secrets, so logs can mask them by value.

A pattern only catches a secret of a known shape (`123456:AA...`, `sk-...`). Every value
the config itself marks secret is masked wherever it appears, whatever its shape: each
SecretStr (bot tokens, API keys, the gateway token and password, the hooks token, webhook
secrets), any plain string under a secret-sounding key, and the value of any
secret-named ``${VAR}`` the config uses, whatever key it was put in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, SecretStr

__all__ = ["LONG_SECRET_CHARS", "MIN_SECRET_CHARS", "config_secrets", "spellings"]

MIN_SECRET_CHARS = 4  # shorter values would mask ordinary words everywhere: never masked
# From this length a secret is masked wherever it appears; a shorter one (4-7 characters,
# which the audit flags as too short anyway) only where it stands as a whole token.
LONG_SECRET_CHARS = 8


def config_secrets(config: BaseModel, also: Iterable[str] = ()) -> tuple[str, ...]:
    """Every secret value in ``config`` and ``also`` (the values of secret-named ``${VAR}``s
    the loader substituted), sorted, longest first, no duplicates."""
    values = (*_walk(config, secret=False), *also)
    found = {value for value in values if len(value) >= MIN_SECRET_CHARS}
    return tuple(sorted(found, key=lambda v: (-len(v), v)))


def spellings(values: Iterable[str]) -> tuple[str, ...]:
    """Each value as it can appear in a log line: plain, URL-quoted and JSON-escaped."""
    out: set[str] = set()
    for value in values:
        if len(value) < MIN_SECRET_CHARS:
            continue
        out.update({value, quote(value, safe=""), quote(value), json.dumps(value)[1:-1]})
    return tuple(sorted(out, key=lambda v: (-len(v), v)))


def _walk(value: Any, *, secret: bool) -> Iterator[str]:
    from clawkeep.events.redact import is_secret_key

    if isinstance(value, SecretStr):
        yield value.get_secret_value()
    elif isinstance(value, str):
        if secret:
            yield value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            key = info.alias or name
            yield from _walk(getattr(value, name), secret=is_secret_key(key))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, secret=isinstance(key, str) and is_secret_key(key))
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _walk(item, secret=secret)
