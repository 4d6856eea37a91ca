"""A regex setting that is checked when the config loads: valid, bounded, no nested repeats.

Mention patterns run on every group message a stranger writes; a pattern that can
backtrack catastrophically is a denial of service waiting for the right message.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator

__all__ = ["SafeRegex", "regex_problem"]

_MAX_PATTERN = 512
try:  # the stdlib parser: the same one `re.compile` uses, so the tree is exact
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _has_nested_repeat(items: Any, inside_repeat: bool) -> bool:
    for op, arg in items:
        name = str(op)
        if name in _REPEATS:
            _low, high, sub = arg
            unbounded = high is _sre_parse.MAXREPEAT or high > 100
            if inside_repeat and unbounded:
                return True
            if _has_nested_repeat(sub, inside_repeat or unbounded):
                return True
        elif name == "SUBPATTERN":
            if _has_nested_repeat(arg[-1], inside_repeat):
                return True
        elif name == "BRANCH":
            if any(_has_nested_repeat(branch, inside_repeat) for branch in arg[1]):
                return True
        elif name in {"ASSERT", "ASSERT_NOT"} and _has_nested_repeat(arg[1], inside_repeat):
            return True
    return False


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` is unsafe to run on untrusted text, or None when it is fine."""
    if len(pattern) > _MAX_PATTERN:
        return f"pattern is longer than {_MAX_PATTERN} characters"
    try:
        re.compile(pattern)
        tree = _sre_parse.parse(pattern)
    except re.error as exc:
        return f"not a valid regular expression ({exc})"
    if re.search(r"\\[1-9]|\(\?P=", pattern):
        return "back-references can take exponential time"
    if _has_nested_repeat(tree, inside_repeat=False):
        return "a repeat inside a repeat (like (a+)+) can backtrack catastrophically"
    return None


def _check(pattern: str) -> str:
    problem = regex_problem(pattern)
    if problem is not None:
        raise ValueError(f"unsafe regular expression {pattern!r}: {problem}")
    return pattern


SafeRegex = Annotated[str, AfterValidator(_check)]
