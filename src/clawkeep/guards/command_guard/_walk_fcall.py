"""A function the line defined, called with arguments the line spells: its body is judged
again with those arguments in place of ``$1``…``$9``, ``"$@"`` and ``$*``, as bash runs it
(``f() { $1 -rf ~; }; f rm``, ``x() { rm "$@"; }; x -rf ~``). At its definition the body
was judged with arguments known only at run time, which hides what a call makes of it.
A body that moves its arguments (``shift``, ``set``, ``getopts``, ``$#``) keeps the
definition's judgement and the rule for a body that runs its arguments.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._word_types import Arg

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["call_with_arguments"]

_MOVES = re.compile(r"\bshift\b|\bset\b|\bgetopts\b|\$#|\$\{#|\$\{[@*1-9][^}]")
_ALL = re.compile(r"\"\$(?:@|\{@\})\"|\$(?:@|\{@\})|\"\$(?:\*|\{\*\})\"|\$(?:\*|\{\*\})")
_ONE = re.compile(r"\"\$(?:([1-9])|\{([1-9])\})\"|\$(?:([1-9])|\{([1-9])\})")
_CALLS_BUDGET = 8  # bodies judged again per line: a line of many calls stays cheap
# Arguments that change nothing the definition's walk did not see: numbers, and paths
# with a folder that land in the workspace (a bare word may be a program's name, an option
# the one that makes a command destructive).
_NUMBER = re.compile(r"^\d+$")


_POSITIONAL = re.compile(r"\$\{?[1-9@*]")
_CUT = re.compile(r"[;&|\n{`()]")


def _statement_start(body: str, end: int) -> tuple[int, bool]:
    """Where the command holding ``body[end]`` starts: after a separator, or inside the
    ``$(…)`` or ``(…)`` still open there (one already closed is part of a word); and
    whether it is inside one, where what it prints becomes a value."""
    starts = [0]
    for cut in _CUT.finditer(body, 0, end):
        char = cut.group()
        if char == "(":
            starts.append(cut.end())
        elif char == ")":
            if len(starts) > 1:
                starts.pop()
        else:
            starts[-1] = cut.end()
    return starts[-1], len(starts) > 1


_WHOLE = re.compile(r"\"\$(?:@|\{@\})\"\s*(?:[;\n&|)}]|$)")  # "$@" alone a statement
_TO_END = re.compile(
    r"(?:>&\s*[12]|[^;&|\n)}])*(?:\|(?!\|))?"
)  # the rest of the statement, and a pipe
_ONWARD = re.compile(r"\|$|>(?!\s*&\s*[12]\b|\s*/dev/null\b)")
_KEYWORDS = frozenset({"then", "do", "else", "elif", "if", "while", "until", "!"})
# Commands that only print, test or look up the words they are given.
_PRINTS = frozenset({"echo", "printf", "test", "[", "[[", "return"})


def _only_printed(body: str) -> bool:
    """Every argument the body reads goes to a command that only prints, tests or looks
    it up (``log() { printf '%s\\n' "$*"; }``, ``has() { command -v "$1"; }``), or is a
    whole command, ``"$@"``, which the rule for helpers runs from each call's words."""
    if "`" in body:
        return False
    for match in _POSITIONAL.finditer(body):
        start, nested = _statement_start(body, match.start())
        head = body[start : match.start()].replace('"', " ").split()
        while head and head[0] in _KEYWORDS:
            head = head[1:]
        if not head and _WHOLE.match(body, match.start() - 1):
            continue  # `until "$@"; do`: the call's words are the command, run as a helper's
        if nested or not head or not (head[0] in _PRINTS or head[:2] == ["command", "-v"]):
            return False  # `x=$(echo "$1")`: what it prints is a value the body uses
        rest = _TO_END.match(body, match.end())
        if head[:2] == ["printf", "-v"] or (rest is not None and _ONWARD.search(rest.group())):
            return False  # `printf -v x`, `echo "$1" > f`, `echo "$1" | sh`: not only shown
    return True


def _inert(w: Walker, text: str) -> bool:
    if _NUMBER.match(text):
        return True
    if "/" not in text or text.startswith("-"):
        return False
    return w.place(text).kind in ("workspace", "workspace_root")


def call_with_arguments(
    w: Walker, name: str, args: list[Arg], used: list[int], inside: set[str]
) -> None:
    """Judge ``name``'s body with the call's ``args`` (all known) in place; a call from
    within the same body (``ls() { command ls "$@"; }``) is not followed again."""
    found = w.bodies.get(name)
    if found is None or not args or used[0] >= _CALLS_BUDGET or name in inside:
        return
    if not all(a.static for a in args) or all(_inert(w, a.text) for a in args):
        return
    src, node = found
    body = src[node.start_byte : node.end_byte].decode("utf-8", "replace")
    if _MOVES.search(body) or not (_ALL.search(body) or _ONE.search(body)):
        return
    if _only_printed(body):
        return
    used[0] += 1
    words = [a.text for a in args]
    joined = " ".join(shlex.quote(t) for t in words)

    def one(match: re.Match[str]) -> str:
        index = int(next(g for g in match.groups() if g is not None))
        return shlex.quote(words[index - 1]) if index <= len(words) else "''"

    text = _ONE.sub(one, _ALL.sub(lambda _: joined, body))
    inside.add(name)
    try:
        w.script(text, f"function {name} called with its arguments")
    finally:
        inside.discard(name)
