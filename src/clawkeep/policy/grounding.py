"""The untrusted-data rule: may this call run, given where the context came from?

One pure function, ``judge_call``, used by the agent turn and by `clawkeep guard call`.
Once untrusted content (another sender's words, outside content) is in the context, a
call whose effects go beyond read-only runs only when every argument that chooses where
or what (recipient, URL or host, account number, path, command line, target agent) is
grounded in the owner's words or the config, and bound to the kind of action the owner
named it for. A call with nothing to ground (no selector, or only amounts and dates)
needs a side effect the owner asked for, in any language ``_intents`` covers. A send
after a read whose object untrusted content chose (``steered``) is held: the data it
read may be what the injection wants out. Otherwise the call is held for the owner
(``ask``) or refused where no owner can be asked (``deny``). A flagged item makes every
non-read-only call ``ask``. The model's own words never ground anything, so no text it
writes can approve a call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from clawkeep.policy._intents import asked_effects
from clawkeep.policy._tokens import digits_of, host_of_url, norm, words
from clawkeep.policy.effects import EFFECTS, Effect, ToolEffects, is_content_name
from clawkeep.policy.provenance import ContextItem

__all__ = ["CallVerdict", "Grounds", "Mode", "grounds_from", "judge_call", "steers"]

Mode = Literal["ask", "deny", "off"]
Verdict = Literal["allow", "ask", "deny"]

_ALL: Final = frozenset(EFFECTS)
_JOBS: Final[frozenset[Effect]] = frozenset({"read_only", "executes_code", "destroys"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|z)?)?$")
_DIGIT_RUN = re.compile(r"\d[\d \-./]{4,}\d")
# File-name extensions that are also top-level domains (notes.md, run.sh, setup.py,
# backup.zip): a file the owner named must not open the host of the same name.
_FILE_NAME = re.compile(r"\.(md|sh|py|zip|mov|rs|pl|pm|so|ps|mk|ml|tf|ly|sc|cat)$")
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


@dataclass(frozen=True)
class Grounds:
    """What the owner and the config ground, each token bound to the effects it may serve."""

    words: Mapping[str, frozenset[Effect]] = field(default_factory=dict)
    hosts: Mapping[str, frozenset[Effect]] = field(default_factory=dict)
    digits: Mapping[str, frozenset[Effect]] = field(default_factory=dict)
    asked: frozenset[Effect] = frozenset()  # the effects the owner's messages asked for


def _add(table: dict[str, frozenset[Effect]], key: str, effects: frozenset[Effect]) -> None:
    table[key] = table.get(key, frozenset()) | effects


_ASCII_RUN = re.compile(r"[\x21-\x7e]+")


def _pieces(token: str) -> Iterable[str]:
    """A word of the owner's, and the ASCII address inside it where a language writes one
    onto its words: "发送给alice@corp.example。", "alice@corp.exampleに", "bob@x.com'a".
    Only the owner's own characters, cut at a script change or an apostrophe."""
    yield token
    if not token.isascii():
        yield from (p for p in (norm(r) for r in _ASCII_RUN.findall(token)) if p != token)
    head = re.split(r"['’]", token, maxsplit=1)[0]
    if head != token and norm(head):
        yield norm(head)


def grounds_from(items: Iterable[ContextItem], trusted: Iterable[str] = ()) -> Grounds:
    """The grounds of the owner's items (bound by their verbs) and config entries (any use)."""
    w: dict[str, frozenset[Effect]] = {}
    h: dict[str, frozenset[Effect]] = {}
    d: dict[str, frozenset[Effect]] = {}
    asked: set[Effect] = set()

    def take(text: str, bound: frozenset[Effect], url_bound: frozenset[Effect]) -> None:
        for token in (p for w in words(text) for p in _pieces(w)):
            _add(w, token, bound)
            number = digits_of(token)
            if number is not None:
                _add(d, number, bound)
            url = host_of_url(token)
            if url is not None and url[0]:
                _add(h, url[0], url_bound)  # a URL the owner gave may be requested
            elif "@" not in token and "." in token.strip(".") and not _FILE_NAME.search(token):
                _add(h, token, bound)  # "corp.example"; never "notes.md", a file the owner named
        for run in _DIGIT_RUN.findall(text):
            number = digits_of(run)
            if number is not None:
                _add(d, number, bound)  # "1234 5678 90" as the owner typed it

    for entry in trusted:
        take(entry, _ALL, _ALL)
    for item in items:
        if item.source == "gateway":
            take(item.content, _JOBS, _JOBS)  # clawkeep's own job ids, for exec/process
        if item.source != "owner" or item.flagged:
            continue
        bound = asked_effects(item.content)  # in any language the table covers
        if item.role != "system":
            asked.update(bound)  # identity files ground names, but ask for nothing
        take(item.content, bound, bound | {"sends_outside"})
    return Grounds(w, h, d, frozenset(asked))


@dataclass(frozen=True, slots=True)
class CallVerdict:
    """The decision on one call: ``ungrounded`` names the arguments that were not."""

    verdict: Verdict
    reason: str
    ungrounded: tuple[str, ...] = ()
    detail: str = ""

    @property
    def allowed(self) -> bool:
        return self.verdict == "allow"

    def as_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "ungrounded": list(self.ungrounded),
            "detail": self.detail,
        }


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$")


def _strings(value: Any, path: str) -> Iterable[tuple[str, str]]:
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
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def _bound(table: Mapping[str, frozenset[Effect]], key: str, needs: frozenset[Effect]) -> bool:
    have = table.get(key)
    return have is not None and needs <= have


def _url_ok(token: str, g: Grounds, needs: frozenset[Effect]) -> bool | None:
    url = host_of_url(token)
    if url is None:
        return None
    host, plain = url
    if not host:
        return False
    if plain:
        return _bound(g.hosts, host, needs)
    # Userinfo, a query or an encoded host: only the exact URL the owner gave.
    return _bound(g.words, norm(token), needs)


def _word_ok(token: str, g: Grounds, needs: frozenset[Effect]) -> bool:
    url = _url_ok(token, g, needs)
    if url is not None:
        return url
    number = digits_of(token)
    if number is not None:
        return _bound(g.digits, number, needs)
    return _bound(g.words, token, needs)


def _exempt(value: str, path: str) -> bool:
    """An amount or count under an amount's name, or a date: chooses no destination."""
    text = value.strip()
    if _AMOUNT.match(text) and _amount_name(path):
        return True  # "amount": 84.2 -- but "to": "1001" or "host": "127.1" is a destination
    return _ISO_DATE.match(text.lower()) is not None  # a date or time chooses when, not where


def _value_ok(value: str, g: Grounds, needs: frozenset[Effect]) -> bool:
    text = value.strip()
    whole = digits_of(text)
    if whole is not None:
        return _bound(g.digits, whole, needs)
    return all(_word_ok(w, g, needs) for w in words(text))


Found = tuple[tuple[str, str], ...]  # (argument path, value)
_HOSTLIKE = re.compile(r"^[\w-]+(\.[\w-]+)+$")


def _inside_content(value: Any, path: str) -> Iterable[tuple[str, str]]:
    """The strings of a structured content argument, but those under a content name."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            if not is_content_name(str(k)):
                yield from _strings(v, f"{path}.{k}")
            elif isinstance(v, Mapping | list | tuple):
                yield from _inside_content(v, f"{path}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _inside_content(v, f"{path}[{i}]")


_ESCAPE = re.compile(r"%[0-9a-f]{2}|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|&#")
_OPAQUE = 20  # a word this long with no space may be an encoded message or address


def _addressed(text: str, *, encoded: bool = True) -> bool:
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


def _requests_url(tool: ToolEffects, args: Mapping[str, Any]) -> bool:
    """Does a selector of this call name a URL (``https://host/…``, ``host.tld/path``)?"""
    return any(
        host_of_url(w) is not None or ("/" in w and _HOSTLIKE.match(w.split("/", 1)[0]))
        for name, value in args.items()
        if tool.is_selector(str(name))
        for _path, text in _strings(value, str(name))
        for w in words(text)
    )


_DESTROYER: Final[frozenset[Effect]] = frozenset(
    {"read_only", "writes_workspace", "sends_outside", "destroys"}
)


def _needs(tool: ToolEffects) -> frozenset[Effect]:
    """The kind of action a selector must have been named for. A destroying tool needs
    only the owner's "delete"/"cancel": an open-world MCP tool that deletes (an event, a
    mail) also reads as "sends outside", and the owner never says "send" to cancel."""
    if "destroys" in tool.effects and tool.effects <= _DESTROYER:
        return frozenset({"destroys"})  # never for code or gateway control (worst case)
    return tool.side_effects()


def _ungrounded(
    tool: ToolEffects, args: Mapping[str, Any], g: Grounds
) -> tuple[Found, Found, bool]:
    """(ungrounded arguments, arguments grounded but bound to another action, whether any
    argument chose a destination at all)."""
    needs = _needs(tool)
    whole = tool.side_effects()
    missing: list[tuple[str, str]] = []
    misbound: list[tuple[str, str]] = []
    checked = False
    for name, value in args.items():
        if tool.is_selector(str(name)):
            found = _strings(value, str(name))
        elif tool.guessed and isinstance(value, Mapping | list | tuple):
            # {"message": {"toRecipients": [...], "body": ...}}: a name guessed as content
            # holding an object; the addresses inside it still choose where it goes.
            found = (f for f in _inside_content(value, str(name)) if _addressed(f[1]))
        else:
            continue
        for path, text in found:
            if _exempt(text, path):
                continue
            checked = True
            # A delete names what it deletes; an address it would send to must have been
            # named for a send: "delete the mail from eve@…" never opens a send to eve.
            need = (
                whole
                if needs != whole and "sends_outside" in whole and _addressed(text, encoded=False)
                else needs
            )
            if _value_ok(text, g, need):
                continue
            if _value_ok(text, g, frozenset()):
                misbound.append((path, text))  # the owner named it, for another action
            else:
                missing.append((path, text))
    return tuple(missing), tuple(misbound), checked


def judge_call(
    context: Sequence[ContextItem],
    tool: ToolEffects,
    args: Mapping[str, Any],
    *,
    trusted: Iterable[str] = (),
    mode: Mode = "ask",
    owner_present: bool = True,
) -> CallVerdict:
    """Allow, ask or deny one tool call (see the module docstring)."""
    if mode == "off":
        return CallVerdict("allow", "untrusted.off")
    if tool.read_only:
        if not _requests_url(tool, args):
            return CallVerdict("allow", "untrusted.read_only")
        # A read at a URL (an MCP fetch: readOnlyHint, openWorldHint) sends a request
        # there, and data rides in its path and query: judged as the send it is.
        tool = ToolEffects(
            tool.effects | {"sends_outside"}, tool.selectors, tool.content, tool.declared_by
        )
    if not any(item.untrusted or item.flagged for item in context):
        return CallVerdict("allow", "untrusted.clean")
    can_ask = mode == "ask" and owner_present
    grounds = grounds_from(context, trusted)
    missing, misbound, checked = _ungrounded(tool, args, grounds)
    held = tuple(path for path, _ in missing + misbound)
    why = _why(context, missing, misbound)
    unasked = not checked and not _needs(tool) <= grounds.asked
    steered = "sends_outside" in tool.effects and any(item.steered for item in context)
    if held and not can_ask:
        # No owner to ask: a destination untrusted content chose is refused outright.
        return CallVerdict("deny", "untrusted.ungrounded", held, why)
    if missing:
        # An argument choosing where/what came from untrusted content: the owner decides.
        return CallVerdict("ask", "untrusted.ungrounded", held, why)
    if misbound:
        # The owner named this destination for another kind of action (bindings).
        return CallVerdict("ask", "untrusted.binding", held, why)
    if unasked:
        if not can_ask:
            return CallVerdict("deny", "untrusted.unasked_effect", (), _UNASKED_DETAIL)
        # Nothing to ground (no destination, an id, an amount): the kind of effect must
        # be one the owner asked for, or a bare "delete event 7" in the data would run.
        return CallVerdict("ask", "untrusted.unasked_effect", (), _UNASKED_DETAIL)
    if steered:
        if not can_ask:
            return CallVerdict("deny", "untrusted.steered_read", (), _STEERED_DETAIL)
        # A read earlier in the turn took its object from untrusted content: what it read
        # may be what the injection wants sent, even to a destination the owner named.
        return CallVerdict("ask", "untrusted.steered_read", (), _STEERED_DETAIL)
    if any(item.flagged for item in context):
        if not can_ask:
            return CallVerdict("deny", "untrusted.flagged_no_owner", (), _FLAG_DETAIL)
        # The classifier raises the bar: a flagged item makes every side effect an ask.
        return CallVerdict("ask", "untrusted.flagged", (), _FLAG_DETAIL)
    return CallVerdict("allow", "untrusted.grounded")


_FLAG_DETAIL = "the injection classifier flagged an item in this context"
_UNASKED_DETAIL = "the owner's messages did not ask for this kind of side effect"
_STEERED_DETAIL = (
    "an earlier read in this turn took its object (a path, a URL, an id) from untrusted "
    "content, and this call sends outside"
)


def steers(
    context: Sequence[ContextItem],
    tool: ToolEffects,
    args: Mapping[str, Any],
    *,
    trusted: Iterable[str] = (),
) -> bool:
    """Whether a call took the object it reads from untrusted content: a read-only call
    with an argument the model set (pass only those) that no owner item or config entry
    names, or a call with a URL the owner did not give whole. Its result is then
    ``steered``, and a later send in the turn is held."""
    if not any(item.untrusted for item in context):
        return False
    grounds = grounds_from(context, trusted)
    if not tool.read_only:
        # A fetch on a host the owner named may still take its path from the data
        # ({web}/admin/export): only the exact URL the owner gave leaves it unsteered.
        return any(
            host_of_url(w) is not None and not _bound(grounds.words, w, frozenset())
            for name, value in args.items()
            if tool.is_selector(str(name))
            for _path, text in _strings(value, str(name))
            for w in words(text)
        )
    # Every argument of a read chooses what it reads, a "query" too (search_docs(query=
    # "salaries") picks the object as surely as a path does).
    every = ToolEffects(tool.effects, None, (), tool.declared_by)
    missing, _misbound, _checked = _ungrounded(every, args, grounds)
    return bool(missing)


def _origin(context: Sequence[ContextItem], value: str) -> str:
    needle = value.strip()[:200]
    for item in context:
        if item.untrusted and needle and needle in item.content:
            return item.origin or item.source
    return "no owner message or config entry"


def _why(context: Sequence[ContextItem], missing: Found, misbound: Found) -> str:
    parts = []
    for path, value in missing:
        parts.append(
            f"{path}={value[:120]!r} is not in the owner's words or the config "
            f"(source: {_origin(context, value)})"
        )
    for path, value in misbound:
        parts.append(f"{path}={value[:120]!r} was given by the owner for another kind of action")
    return "; ".join(parts)
