"""How one resolved word becomes the words bash passes: field splitting on IFS, then
brace expansion of comma lists and ranges.
"""

from __future__ import annotations

import itertools
import re

from clawkeep.guards.command_guard._word_types import ELEMENTS, Arg

__all__ = ["SEPARATORS", "brace_range", "fields"]


SEPARATORS = re.compile(r"[\s,:;=/._-]")


def fields(arg: Arg, ifs: str | None) -> list[Arg]:
    """The words one resolved word becomes: field splitting, then brace expansion."""
    if not arg.split and not arg.elements and (arg.quoted or "{" not in arg.text):
        return [arg]  # nothing to split or expand: the word itself
    parts = arg.text.split(ELEMENTS) if arg.elements else [arg.text]
    if arg.split:
        seps = " \t\n" if ifs is None else ifs
        if seps:
            pattern = "[" + re.escape(seps) + "]+"
            parts = [f for p in parts for f in re.split(pattern, p) if f] or [""]
    if not arg.quoted and "{" in arg.text:
        parts = [b for p in parts for b in _braces(p, 0)]
    if parts == [arg.text]:
        return [arg]
    return [
        Arg(p, arg.tricks, arg.glob, arg.substs, arg.quoted, False, arg.computed, arg.secrets)
        for p in parts
    ]


_BRACE_CAP = 64
_RANGE = re.compile(r"^\{(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?\}$")


def brace_range(text: str) -> str | None:
    """``{1..5}`` -> ``{1,2,3,4,5}``; one element -> the element; anything else: None."""
    match = _RANGE.match(text)
    if match is None:
        return None
    first, last, step_text = match.groups()
    step = abs(int(step_text)) if step_text else 1
    if first.lstrip("-").isdigit() != last.lstrip("-").isdigit() or step == 0:
        return None
    if first.lstrip("-").isdigit():
        low, high = int(first), int(last)
        numbers = range(low, high + 1, step) if low <= high else range(low, high - 1, -step)
        if len(numbers) > _BRACE_CAP:  # only digits and `-`: the first and last stand for all
            return "{" + str(low) + "," + str(high) + "}"
        items = [str(n) for n in numbers]
    else:
        low_c, high_c = ord(first), ord(last)
        codes = (
            range(low_c, high_c + 1, step) if low_c <= high_c else range(low_c, high_c - 1, -step)
        )
        items = [chr(c) for c in codes]
        if any(not c.isalnum() for c in items):
            return None  # {Z..a} spans [ \ ] ^ _ `: leave it to the obfuscation check
    return items[0] if len(items) == 1 else "{" + ",".join(items) + "}"


def _braces(text: str, depth: int) -> list[str]:
    """Bash brace expansion of comma lists: ``/etc/{shadow,passwd}`` -> two words."""
    start = text.find("{")
    while start != -1 and depth < 8:
        level, commas, end = 0, [], -1
        for index in range(start, len(text)):
            char = text[index]
            if char == "{":
                level += 1
            elif char == "}":
                level -= 1
                if level == 0:
                    end = index
                    break
            elif char == "," and level == 1:
                commas.append(index)
        if end == -1:
            return [text]
        ranged = brace_range(text[start : end + 1]) if not commas else None
        if ranged is not None and (start == 0 or text[start - 1] != "$"):
            # {a..c} the grammar leaves as plain words: bash expands it all the same
            return _braces(text[:start] + ranged + text[end + 1 :], depth + 1)
        if commas and (start == 0 or text[start - 1] != "$"):
            head, tail = text[:start], text[end + 1 :]
            bounds = [start, *commas, end]
            out: list[str] = []
            for left, right in itertools.pairwise(bounds):
                for inner in _braces(text[left + 1 : right], depth + 1):
                    out.extend(_braces(head + inner + tail, depth + 1))
                    if len(out) >= _BRACE_CAP:
                        return out
            return out
        start = text.find("{", start + 1)
    return [text]
