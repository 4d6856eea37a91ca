"""Which strings of a call's arguments choose where or what, and which choose nothing.

Every string, number and non-identifier key of an argument is read with its path
(``to[0]``, ``message.toRecipients[1].address``). An amount or count under an amount's
name, or a date, chooses nothing; an address, URL, host, account number or anything that
may carry one encoded is a destination wherever it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from clawkeep.policy._tokens import digits_of, host_of_url, words
from clawkeep.policy.effects import ToolEffects, is_content_name

__all__ = ["addressed", "exempt", "inside_content", "requests_url", "strings"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|z)?)?$")
_AMOUNT = re.compile(r"^\d{1,4}([.,]\d{1,2})?$|^\d+[.,]\d{1,2}$")
# Argument names whose short numbers are amounts, counts or times and choose nothing.
# Under any other name a short number may be a destination: a chat id ("1001"), a port,
# an object's id, or an IPv4 address in a short form ("127.1" is 127.0.0.1).
_AMOUNT_NAMES: Final = frozenset(
    {
        "amount",
        "sum",
        "total",
        "price",
        "cost",
        "fee",
        "tip",
        "count",
        "quantity",
        "qty",
        "limit",
        "max",
        "min",
        "duration",
        "minutes",
        "hours",
        "seconds",
        "days",
        "weeks",
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "time",
        "priority",
        "rating",
        "percent",
        "size",
        "page",
    }
)
# Last words that make a name an identifier, whatever comes before: "page_id", "dayKey".
_ID_WORDS: Final = frozenset({"id", "ids", "uid", "uuid", "key", "ref"})
_NAME_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[_\-\s.\[\]{}]+")


def _amount_name(path: str) -> bool:
    """Whether the tool's own argument (the first name in ``path``) says amount or count.
    Never a key deeper down: under an argument that takes any JSON the model writes the
    keys itself ({"to": {"count": 1001}})."""
    first = re.split(r"[.\[{]", path)[0]
    parts = [p.lower() for p in _NAME_SPLIT.split(first) if p]
    if parts and parts[-1] in _ID_WORDS:
        return False  # "page_id": 42 names the object it acts on, as "id": 42 does
    return any(p in _AMOUNT_NAMES for p in parts)


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$")


def strings(value: Any, path: str) -> Iterable[tuple[str, str]]:
    """(path, text) of every string, number and non-identifier key inside an argument."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield path, str(value)  # an account or chat id given as a JSON number
    elif isinstance(value, float):
        # 12345678901.0 (or .5, truncated) is the same chat id to the tool as 12345678901.
        whole = value == value and abs(value) != float("inf") and abs(value) >= 1e5
        yield path, str(int(value)) if whole or value.is_integer() else repr(value)
    elif isinstance(value, Mapping):
        for k, v in value.items():
            if not _IDENT.match(str(k)):
                yield f"{path}{{key}}", str(k)  # {"eve@evil.example": "to"}: a key can address
            yield from strings(v, f"{path}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from strings(v, f"{path}[{i}]")


def exempt(value: str, path: str) -> bool:
    """An amount or count under an amount's name, or a date: chooses no destination."""
    text = value.strip()
    if _AMOUNT.match(text) and _amount_name(path):
        return True  # "amount": 84.2 -- but "to": "1001" or "host": "127.1" is a destination
    return _ISO_DATE.match(text.lower()) is not None  # a date or time chooses when, not where


_HOSTLIKE = re.compile(r"^[\w-]+(\.[\w-]+)+$")


def inside_content(value: Any, path: str) -> Iterable[tuple[str, str]]:
    """The strings of a structured content argument, but those under a content name."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            if not is_content_name(str(k)):
                yield from strings(v, f"{path}.{k}")
            elif isinstance(v, Mapping | list | tuple):
                yield from inside_content(v, f"{path}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from inside_content(v, f"{path}[{i}]")


_ESCAPE = re.compile(r"%[0-9a-f]{2}|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|&#")
_OPAQUE = 20  # a word this long with no space may be an encoded message or address


def addressed(text: str, *, encoded: bool = True) -> bool:
    """Does this string name an address, a URL, a host or an account number, or (with
    ``encoded``) may it carry one encoded (a base64 RFC 822 ``raw`` mail,
    ``eve%40evil.example``)?"""
    return any(
        "@" in w
        or "://" in w
        or digits_of(w) is not None
        or _HOSTLIKE.match(w) is not None
        or (encoded and _ESCAPE.search(w) is not None)  # percent, \u, \x, HTML escapes
        or (encoded and len(w) >= _OPAQUE)  # too long to be a word: maybe a destination
        for w in words(text)
    )


def requests_url(tool: ToolEffects, args: Mapping[str, Any]) -> bool:
    """Does a selector of this call name a URL (``https://host/…``, ``host.tld/path``)?"""
    return any(
        host_of_url(w) is not None or ("/" in w and _HOSTLIKE.match(w.split("/", 1)[0]))
        for name, value in args.items()
        if tool.is_selector(str(name))
        for _path, text in strings(value, str(name))
        for w in words(text)
    )
