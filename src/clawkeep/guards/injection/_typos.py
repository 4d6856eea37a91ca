"""Misspelled attack words put right for the de-obfuscated view (``sytem pormpt``,
``ignroe the previus instructions``, ``bypase safety``).

A writer who misspells the words a classifier keys on walks around it: on validation
attacks with three words in ten misspelled, one caught attack in twenty went through. This
step decides which words were meant as one of the words attacks are written with
(``KEYWORDS``): a word of 5 to 20 ASCII letters that is not itself an English word and is
one edit (a letter left out, added, changed, or two swapped) from such a word is read as
that word. The guess goes into the view only (scored beside the text; the worse score
decides), never into the text the guards judge.

Which words are English comes from the pinned ``wordninja`` word list (``_segment``); it is
loaded only when a text holds a near miss of a keyword, so most texts never load it. One
dictionary lookup per single-letter deletion of each word: linear in the text.
"""

from __future__ import annotations

import re
from functools import cache

from clawkeep.guards.injection._segment import word_cost

__all__ = ["KEYWORDS", "fix_typos"]

# The vocabulary attacks on an assistant are written with: overriding its instructions,
# extracting its prompt or secrets, switching its rules off, making it act. Five letters or
# more: a shorter word has too many English neighbours one edit away.
# fmt: off
KEYWORDS = frozenset((
    "ignore", "ignoring", "disregard", "forget", "override", "bypass", "circumvent",
    "instructions", "instruction", "directives", "directive", "guidelines", "guardrails",
    "restrictions", "restricted", "unrestricted", "limitations", "constraints", "filters",
    "filter", "moderation", "censorship", "uncensored", "unfiltered", "safety", "safeguards",
    "policies", "policy", "previous", "earlier", "above", "prior", "system", "prompt",
    "prompts", "reveal", "revealing", "disclose", "display", "print", "output", "repeat",
    "verbatim", "exactly", "exact", "secret", "secrets", "password", "passwords",
    "credentials", "confidential", "hidden", "internal", "initial", "original",
    "configuration", "developer", "jailbreak", "jailbroken", "pretend", "roleplay",
    "character", "persona", "unlimited", "unethical", "illegal", "harmful", "malicious",
    "administrator", "admin", "access", "privileges", "execute", "command", "commands",
    "terminal", "delete", "remove", "exfiltrate", "upload", "forward", "assistant",
    "conversation", "messages", "everything", "anything", "respond", "response", "comply",
    "refuse", "refusal", "obey", "follow", "rules", "enable", "enabled", "disable",
    "disabled", "activate", "deactivate", "tokens", "describe", "beginning", "sentence",
    "words",
))
# fmt: on
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{5,20}(?![A-Za-z0-9])")  # SECRET_KEY: two words
_COMMON = 12.5  # wordninja cost (-log Zipf probability) under which a word is English


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


@cache
def _near() -> dict[str, frozenset[str]]:
    """Each keyword and each of its one-letter deletions -> the keywords it comes from."""
    table: dict[str, set[str]] = {}
    for key in KEYWORDS:
        for form in (key, *_deletes(key)):
            table.setdefault(form, set()).add(key)
    return {form: frozenset(keys) for form, keys in table.items()}


def _meant(word: str) -> str | None:
    """The keyword ``word`` (lower case, not a keyword) is one edit from, or None."""
    near = _near()
    found = set(near.get(word, ()))  # a letter added: "coonversation"
    for form in _deletes(word):
        found |= near.get(form, frozenset())  # left out, changed or swapped: "sytem"
    found = {k for k in found if abs(len(k) - len(word)) <= 1}
    if not found:
        return None
    if word_cost(word) < _COMMON:
        return None  # an English word of its own ("forms", "prints"): as written
    # the nearest first: a letter left out or added before one changed or two swapped
    # ("instrctions" is "instructions", not "instruction")
    return min(found, key=lambda k: (word not in _deletes(k) and k not in _deletes(word), k))


def fix_typos(text: str) -> tuple[str, int]:
    """``text`` with each misspelled keyword put right, and how many were."""
    count = 0
    seen: dict[str, str | None] = {}  # a flood of one word is looked up once

    def fix(found: re.Match[str]) -> str:
        nonlocal count
        word = found.group(0)
        low = word.lower()
        if low in KEYWORDS:
            return word
        if low not in seen:
            seen[low] = _meant(low)
        meant = seen[low]
        if meant is None:
            return word
        count += 1
        return meant.capitalize() if word[:1].isupper() else meant

    fixed = _WORD.sub(fix, text)
    return fixed, count
