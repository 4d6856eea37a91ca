"""What the owner's words and the config ground: each token, host and number they name,
bound to the kinds of action it may serve.

An owner's message binds what it names to the effects its words ask for (``_intents``);
a config entry grounds for any use; clawkeep's own job ids ground only exec and process.
Flagged items and everything not from the owner ground nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from clawkeep.policy._intents import asked_effects
from clawkeep.policy._tokens import digits_of, host_of_url, norm, words
from clawkeep.policy.effects import EFFECTS, Effect
from clawkeep.policy.provenance import ContextItem

__all__ = ["Grounds", "grounds_from"]

_ALL: Final = frozenset(EFFECTS)
_JOBS: Final[frozenset[Effect]] = frozenset({"read_only", "executes_code", "destroys"})
_DIGIT_RUN = re.compile(r"\d[\d \-./]{4,}\d")
# File-name extensions that are also top-level domains (notes.md, run.sh, setup.py,
# backup.zip): a file the owner named must not open the host of the same name.
_FILE_NAME = re.compile(r"\.(md|sh|py|zip|mov|rs|pl|pm|so|ps|mk|ml|tf|ly|sc|cat)$")


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
