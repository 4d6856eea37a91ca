"""What a command word runs beyond its name: a file this line downloaded or wrote (by its
path, or by a bare name found first in a folder the line put on ``PATH``), and the
arguments of a call to a function that runs its own arguments.

A helper like ``retry() { until "$@"; do sleep 2; done; }`` or ``run() { echo "+ $*";
"$@"; }`` runs whatever its caller passes: its ``"$@"`` is judged at each call, as the
command the call's arguments spell (``retry pg_isready -h localhost`` is ``pg_isready -h
localhost``; ``retry curl … | sh`` is the curl), and not refused at the definition as a
command known only at run time. The call's arguments are judged from each word up to the
one the body reaches after its ``shift``s (``step() { label=$1; shift; "$@"; }``: from the
first and the second; a label judged as a command is harmless, a word after the command
is not a command); when a shift is computed (``shift $((OPTIND-1))``), from every word
that may start a command. A call read before the definition (in a ``trap`` handler, a
loop's second pass) is judged when the definition is read; an alias is judged at each call
as its text followed by the call's arguments.

The line's own positional parameters are empty (it runs as ``sh -c LINE``): ``"$@"`` there
is nothing, and a ``while getopts`` loop never runs its body. Text run with arguments of
its own, a function body at its definition, and the rest of a line after ``set`` is given
words, have them known only at run time.

A shim the line wrote into a folder it put first on ``PATH`` (``export PATH=/tmp/.b:$PATH;
printf '…' > /tmp/.b/git``) runs when a later statement says ``git``: it is judged as the
text written, as ``/tmp/.b/git`` itself would be.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._cmd import Cmd, Rule
from clawkeep.guards.command_guard._walk_fcall import call_with_arguments
from clawkeep.guards.command_guard._word_types import UNKNOWN, Arg, literal

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = [
    "CALL_RULES",
    "alias_call",
    "alias_text",
    "arguments_given",
    "define_alias",
    "defining",
    "finds_no_option",
    "no_arguments",
    "run_file",
    "unknown_word",
]

_EARLY = 16  # calls kept per name not yet defined
_POSITIONAL = frozenset({"@", "*", "1", "2", "3", "4", "5", "6", "7", "8", "9"})
_ARGUMENTS = (*sorted(_POSITIONAL), "OPTARG")  # and what getopts takes from them


def no_arguments(w: Walker, line: str) -> None:
    """The line itself: the gateway runs it as ``sh -c LINE`` with no arguments, so its
    positional parameters are empty and ``getopts`` finds no option (``$1``, ``"$@"`` and
    ``$OPTARG`` expand to nothing). Text run with arguments of its own (``bash -c '…' _
    ARGS``, a written script run, a function body) gets them back as unknown."""
    if _NAMES_AN_ARGUMENT.search(line):  # most lines never do: keep their state small
        for name in _ARGUMENTS:
            w.env.values[name] = ""


_NAMES_AN_ARGUMENT = re.compile(r"\$\{?[@*1-9]|OPTARG")


_NAMES_OPTION = re.compile(r"^[-+][a-zA-Z]*o$")  # -o, +o, -euo: the next word is an option


def finds_no_option(w: Walker, loop: str) -> bool:
    """``while getopts OPTS NAME; do …; done`` over arguments known to be none (the line's
    own): ``getopts`` fails at once, the body never runs (it is still judged)."""
    return w.env.values.get("@") == "" and bool(_GETOPTS_LOOP.match(loop))


_GETOPTS_LOOP = re.compile(
    r"while\s+getopts\s+(?:'[^']*'|\"[^\"$`]*\"|[^\s;&|'\"$`]+)\s+\w+\s*;?\s*do\b"
)


def set_arguments(cmd: Cmd, w: Walker) -> None:
    """``set -- rm -rf ~; "$@"``: ``set`` given words makes them the positional parameters;
    from here on they are judged as values known only at run time (never as empty)."""
    values = cmd.values()
    words = [
        v
        for i, v in enumerate(values)
        if not v.startswith(("-", "+")) and (i == 0 or not _NAMES_OPTION.match(values[i - 1]))
    ]
    if "--" in values or words:
        for name in _ARGUMENTS:
            w.env.values.pop(name, None)


def arguments_given(w: Walker, scope: str) -> None:
    """Nested text started as another process (``scope`` "child") has arguments of its
    own, known only at run time; a trap or alias body shares this shell's."""
    if scope == "child":
        for name in _ARGUMENTS:
            w.env.values.pop(name, None)


class _Calls:
    def __init__(self) -> None:
        self.defining: list[tuple[str, str]] = []  # (name, body) walked at its definition
        # functions that run their arguments: from which argument (None: from any)
        self.runners: dict[str, int | None] = {}
        # calls of a name no function had yet (`trap 'r rm -rf ~' EXIT; r() { "$@"; }`)
        self.early: dict[str, list[list[Arg]]] = {}
        self.aliases: dict[str, str] = {}  # alias name -> the text it stands for
        self.expanding: set[str] = set()  # aliases being expanded (never within themselves)
        self.called = [0]  # function bodies judged again with a call's arguments
        self.calling: set[str] = set()  # and the functions whose body is being judged so


def _calls(w: Walker) -> _Calls:
    """The walker's call state, kept on the walker (one per line, gone with it)."""
    state: _Calls | None = w.__dict__.get("_calls_state")
    if state is None:
        state = w.__dict__["_calls_state"] = _Calls()
    return state


@contextmanager
def defining(w: Walker, name: str, body: str) -> Iterator[None]:
    """The body of function ``name`` is walked now, at its definition."""
    state = _calls(w)
    state.defining.append((name, body))
    given = {n: w.env.values.pop(n) for n in _ARGUMENTS if n in w.env.values}
    try:
        yield  # the body's "$1", "$@" are each call's arguments: unknown at the definition
    finally:
        state.defining.pop()
        w.env.values.update(given)


def unknown_word(w: Walker, word: Arg) -> None:
    """A command word known only at run time: refused, unless it is the arguments of the
    function being defined (``"$@"``, ``$1``), which each call's arguments then stand for."""
    state = _calls(w)
    names = set(word.names)
    if state.defining and word.text == UNKNOWN and names and names <= _POSITIONAL:
        name, body = state.defining[-1]
        first = _first_run(body, names)
        if name in state.runners and state.runners[name] != first:
            first = None  # two different positions: judge from any
        state.runners[name] = first  # judged at every call (`run_file`)
        for args in state.early.pop(name, []):
            _arguments_run(w, args, first)  # a call read before the definition runs after it
        return
    shown = repr(word.text.replace(UNKNOWN, "$…"))
    # dynamic_command: what runs is decided at run time, so it cannot be judged here
    w.flag("dynamic_command", f"the command word {shown} is only known at run time")


def run_file(w: Walker, cmd: Cmd) -> None:
    """Judge what the command word runs besides its name's rules: a downloaded or written
    file (by path, or by a bare name through a ``PATH`` the line set), a helper's arguments."""
    word = cmd.word
    if "/" in word and w.fetched(word):
        # download_exec: a program the line fetched (or unpacked from a fetch) is run
        w.flag("download_exec", f"{word} was downloaded by this command line")
    if "/" in word and (text := w.written.get(w.place(word).path)):
        w.run_written(word, text)
    elif "/" not in word:
        for folder in w.search:
            path = w.place(f"{folder}/{word}").path
            if (text := w.written.get(path)) is not None:
                # the shim the line wrote there runs instead of the program of that name
                w.run_written(path, text)
                break
            if w.fetched(path):
                # download_exec: the fetched file is what that name runs through PATH
                w.flag("download_exec", f"{word} runs {path}, downloaded by this command line")
                break
    if "/" in word:
        return
    state = _calls(w)
    if word in state.aliases and word not in state.expanding:  # `alias ls='ls -F'`: once
        state.expanding.add(word)
        try:  # with no arguments too: `echo CODE | py` feeds the program the alias names
            if not alias_call(w, state.aliases[word], cmd) and cmd.args:
                _alias_run(w, state.aliases[word], cmd.args)
        finally:
            state.expanding.discard(word)
    if not cmd.args:
        return
    if word in w.bodies:  # `f() { $1 -rf ~; }; f rm`: the body with the call's arguments
        call_with_arguments(w, word, cmd.args, state.called, state.calling)
    if word in state.runners:
        _arguments_run(w, cmd.args, state.runners[word])
    elif word not in w.functions and len(early := state.early.setdefault(word, [])) < _EARLY:
        early.append(cmd.args)  # a trap or a loop may run it once a helper has that name


_SHIFT = re.compile(r"(?<![\w$-])shift\b(?:[ \t]+([^\s;&|)]+))?")


def _first_run(body: str, names: set[str]) -> int | None:
    """Which argument of a call the body's positional command word is, after its shifts;
    None when a shift is computed or the word is ``$2`` and the like after shifts."""
    shifts = 0
    for found in _SHIFT.finditer(body):
        count = found.group(1) or "1"
        if not count.isdigit():
            return None
        shifts += int(count)
    digits = [n for n in names if n.isdigit()]
    return shifts + (int(digits[0]) - 1 if len(digits) == 1 else 0)


def define_alias(w: Walker, name: str, body: str) -> None:
    """``alias r='rm -rf'``: a later ``r ~`` runs ``rm -rf ~`` (sh expands aliases in a
    script; bash with ``expand_aliases``); a call read before the alias, in a trap
    handler, runs it too."""
    state = _calls(w)
    state.aliases[name] = body
    state.expanding.add(name)
    try:
        for args in state.early.pop(name, []):
            _alias_run(w, body, args)
    finally:
        state.expanding.discard(name)


def alias_text(w: Walker, name: str) -> str | None:
    """The text an alias the line defined stands for (a pipeline stage's program)."""
    return _calls(w).aliases.get(name)


def _alias_run(w: Walker, body: str, args: list[Arg]) -> None:
    # a word known only at run time stays one: an unset name stands for it
    words = " ".join('"$__arg"' if UNKNOWN in a.text else shlex.quote(a.text) for a in args)
    w.script(f"{body} {words}".strip(), "an alias and its arguments", scope="maybe")


# An alias body of plain words only: no quotes, expansions, operators or redirects.
_PLAIN = re.compile(r"[\w./=:@%+,-]+(?:[ \t]+[\w./=:@%+,-]+)*")


def alias_call(w: Walker, body: str, cmd: Cmd | None = None) -> bool:
    """An alias of plain words (``alias py=python3``) called (or defined, ``cmd`` None): run
    by this shell itself as that program with the call's arguments, input and redirects, not
    as text another program was handed (no hidden REPL). False for any other body."""
    if not _PLAIN.fullmatch(body.strip()):
        return False
    words = [literal(word) for word in body.split()]
    args, redirects, stdin = (cmd.args, cmd.redirects, cmd.stdin) if cmd else ([], [], None)
    w.run(words[0], words[1:] + list(args), list(redirects), stdin)
    return True


def _arguments_run(w: Walker, args: list[Arg], first: int | None) -> None:
    """``retry pg_isready …``: the helper runs its arguments; judge them as the command they
    spell, from each word up to the one the body reaches (from every word, when unsure)."""
    last = len(args) if first is None else min(first + 1, len(args))
    for start in range(last):  # the words before it too: a `shift` counted wrong runs those
        if not args[start].text.startswith("-"):
            w.run_argv(args[start:])


CALL_RULES: dict[str, Rule] = {"set": set_arguments}
