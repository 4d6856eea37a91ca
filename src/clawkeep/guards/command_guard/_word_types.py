"""The values a resolved word is: ``Arg`` (text, with ``UNKNOWN`` for run-time parts, and
the tricks seen in it) and ``Env`` (what the script assigned so far).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clawkeep.guards.command_guard._parse import Node

__all__ = ["ELEMENTS", "UNKNOWN", "Acc", "Arg", "Env", "literal"]


UNKNOWN = "\x00"
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
    elements: bool = False  # "${arr[@]}": ELEMENTS in the text separate the array's words

    @property
    def static(self) -> bool:
        return UNKNOWN not in self.text

    @property
    def value(self) -> str | None:
        return self.text if self.static else None


def literal(text: str) -> Arg:
    """An Arg for text that is already a value (wrapper output, inline code strings)."""
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
        self.elements = False
