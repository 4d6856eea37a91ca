"""The values a resolved word is: ``Arg`` (text, with ``UNKNOWN`` for run-time parts, and
the tricks seen in it) and ``Env`` (what the script assigned so far).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from clawkeep.guards.command_guard._parse import Node

__all__ = ["ELEMENTS", "SECRET_VAR", "UNKNOWN", "Acc", "Arg", "Env", "literal"]


UNKNOWN = "\x00"
# A variable whose name says it holds a secret (``$GITHUB_TOKEN``, ``${AWS_SECRET_ACCESS_KEY}``).
SECRET_VAR = re.compile(r"KEY|TOKEN|SECRET|PASS|CRED|AUTH|SESSION|COOKIE", re.I)
# Between an array's elements in the value stored for ``NAME[@]``; ``"${NAME[@]}"`` is cut
# there into one word per element (``Arg.elements`` says the text came from an array).
ELEMENTS = "\x1f"


@dataclass
class Env:
    """Variables the script assigned (None: assigned a value only known at run time)."""

    values: dict[str, str | None] = field(default_factory=dict)
    # Names the line itself filled with data at run time (read, $(…), for x in $(…)):
    # where such a value goes, the data goes (a URL built from it carries it away).
    computed: set[str] = field(default_factory=set)
    # Names the line set from an environment secret (``T=$GITHUB_TOKEN``): the secret's names.
    secrets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Names the line set from run-time environment variables (``P=$GITHUB_PATH``): theirs.
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    home: str = "~"
    workspace: str = "."


@dataclass(frozen=True, slots=True)
class Arg:
    """One resolved word: ``text`` with ``UNKNOWN`` for run-time parts."""

    text: str
    tricks: tuple[str, ...] = ()
    glob: bool = False
    substs: tuple[Node, ...] = ()
    quoted: bool = False
    split: bool = False  # an unquoted expansion put field separators in the text
    computed: bool = False  # holds a variable the line filled with data at run time
    secrets: tuple[str, ...] = ()  # environment variables named as secrets it expands
    elements: bool = False  # "${arr[@]}": ELEMENTS in the text separate the array's words
    names: tuple[str, ...] = ()  # environment variables it expands that the line never set

    @property
    def static(self) -> bool:
        return UNKNOWN not in self.text

    @property
    def value(self) -> str | None:
        return self.text if self.static else None


def literal(text: str) -> Arg:
    """An Arg for text that is already a value (wrapper output, inline code strings)."""
    return _shared(text) if len(text) <= _SHARED_LEN else Arg(text)


# An Arg is immutable, so one Arg per short text is shared: building one costs about 1 us (a
# frozen dataclass sets each of its ten fields through object.__setattr__), and most words
# of a line are plain text. Longer texts are built each time: the cache stays small.
_SHARED_LEN = 256


@lru_cache(maxsize=16384)
def _shared(text: str) -> Arg:
    return Arg(text)


class Acc:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.tricks: list[str] = []
        self.glob = False
        self.substs: list[Node] = []
        self.quoted = False
        self.in_string = 0
        self.split = False
        self.computed = False
        self.secrets: list[str] = []
        self.elements = False
        self.names: list[str] = []
