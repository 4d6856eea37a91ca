"""Where a key sits in a JSON5 text: key path -> line, column and the value's span.

pyjson5 parses; this scanner only runs to point an error (or a `--fix` edit) at a
position. It reads text pyjson5 already accepted, so it stops quietly on anything odd.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

__all__ = ["Duplicate", "KeyPath", "Span", "duplicate_keys", "locate_all"]

KeyPath = tuple[str | int, ...]

_WS = re.compile(r"(?:\s|//[^\n]*|/\*.*?\*/)*", re.S)
_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""", re.S)
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_SCALAR = re.compile(r"[^\s,\]}/]+")


@dataclass(frozen=True, slots=True)
class Span:
    """A value's place: the key's line/column (1-based) and the value's [start, end)."""

    line: int
    column: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A key written a second time in the same object: where, and where it first was."""

    path: KeyPath
    line: int
    column: int
    first_line: int


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.spans: dict[KeyPath, Span] = {}
        self.duplicates: list[Duplicate] = []
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self._line_starts[lo] + 1

    def skip(self) -> None:
        m = _WS.match(self.text, self.pos)
        if m:
            self.pos = m.end()

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def value(self, path: KeyPath, key_at: int) -> None:
        ch = self.peek()
        start = self.pos
        if ch == "{":
            self.pos += 1
            self.members(path)
        elif ch == "[":
            self.pos += 1
            self.items(path)
        elif ch in "\"'":
            m = _STRING.match(self.text, self.pos)
            if not m:
                raise ValueError("unterminated string")
            self.pos = m.end()
        else:
            m = _SCALAR.match(self.text, self.pos)
            if not m:
                raise ValueError("unexpected character")
            self.pos = m.end()
        line, col = self.line_col(key_at)
        self.spans[path] = Span(line, col, start, self.pos)

    def members(self, path: KeyPath) -> None:
        seen: dict[str, int] = {}
        while True:
            ch = self.peek()
            if ch == "}":
                self.pos += 1
                return
            key_at = self.pos
            if ch in "\"'":
                m = _STRING.match(self.text, self.pos)
                if not m:
                    raise ValueError("bad key")
                key = _unquote(m.group())
            else:
                m = _IDENT.match(self.text, self.pos)
                if not m:
                    raise ValueError("bad key")
                key = m.group()
            self.pos = m.end()
            if key in seen:
                line, col = self.line_col(key_at)
                first, _ = self.line_col(seen[key])
                self.duplicates.append(Duplicate((*path, key), line, col, first))
            else:
                seen[key] = key_at
            if self.peek() != ":":
                raise ValueError("expected ':'")
            self.pos += 1
            self.value((*path, key), key_at)
            if self.peek() == ",":
                self.pos += 1

    def items(self, path: KeyPath) -> None:
        index = 0
        while True:
            ch = self.peek()
            if ch == "]":
                self.pos += 1
                return
            self.value((*path, index), self.pos)
            index += 1
            if self.peek() == ",":
                self.pos += 1


def _unquote(token: str) -> str:
    body = token[1:-1]
    if "\\" not in body:
        return body
    return body.encode("latin-1", "backslashreplace").decode("unicode_escape")


def locate_all(text: str) -> dict[KeyPath, Span]:
    """Every key path in ``text`` with its position; a partial map if the text is odd."""
    scanner = _Scanner(text)
    with contextlib.suppress(ValueError, IndexError, RecursionError):
        scanner.value((), 0)
    return scanner.spans


def duplicate_keys(text: str) -> list[Duplicate]:
    """Keys written twice in one object of ``text`` (text pyjson5 already accepted)."""
    scanner = _Scanner(text)
    with contextlib.suppress(ValueError, IndexError, RecursionError):
        scanner.value((), 0)
    return scanner.duplicates


def line_col_of(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    return _Scanner(text).line_col(offset)
