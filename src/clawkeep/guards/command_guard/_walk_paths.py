"""The paths a script may take: ``if``/``elif``/``else``, ``case`` items, the right side of
``&&`` and ``||``, and a loop body that may run or not. Each path can leave a variable (or
the directory) with another value: ``if c; then X="rm -rf /etc"; else X=ls; fi; $X``
runs either. The statements after a branching one are judged once for every distinct state
its paths leave (up to ``_MAX_FORKS`` times a line); past that, a line whose later
statements read a value the paths disagree on is refused (``too_many_paths``); when the
enclosing list ends, such a variable is known only at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from clawkeep.guards.command_guard._parse import Node
from clawkeep.guards.command_guard._walk_calls import finds_no_option
from clawkeep.guards.command_guard._walk_vars import ENV_READ
from clawkeep.guards.command_guard._word_types import UNKNOWN

if TYPE_CHECKING:
    from clawkeep.guards.command_guard._walk import Walker

__all__ = ["FORKING", "past_the_cap", "sequence"]

Visit = Callable[["Walker", Node], None]
State = tuple[str | None, str, dict[str, str | None], frozenset[str]]

_BRANCHING = frozenset({"if_statement", "case_statement", "list"})
_LOOPS = frozenset({"while_statement", "until_statement"})
FORKING = (
    _BRANCHING | _LOOPS | {"compound_statement", "redirected_statement"}
)  # a list holding one needs `sequence`
_FORKS = _BRANCHING | _LOOPS  # the statements whose paths `_paths` walks
_REDIRECTED = "redirected_statement"  # `_redirected_branch` looks at no other kind
_MAX_FORKS = 8  # alternative walks of the rest of one line (each costs a walk of the rest)


def past_the_cap(w: Walker, ends: list[State], rest: Sequence[Node]) -> None:
    """More paths than the walk follows, and a later statement reads a value they leave
    different. When every such value is a plain word (``apt``/``dnf``, ``amd64``, ``--ci``,
    ``.env``: no ``/``, ``:``, ``@`` or space, and no dot unless it starts with one: never
    a path elsewhere, a host name, an address or a URL), the values merge into one known
    only at run time, as a computed one would be: a command word so built is refused, a
    path so built stays in the current folder. Otherwise which value the statement gets
    is not judged, and the line is refused: a merged path, URL or host "known only at run
    time" is not refused by every rule (``>> "$P"``, ``pip --index-url "$U"``), and
    guessing there would let the path the walk did not follow pass."""
    first = ends[0]
    text = "".join(w.text(node) for node in rest)
    names = {k for s in ends for k in s[2]} | {k for k in first[2]}
    differ = {n for n in names if len({s[2].get(n, UNKNOWN) for s in ends}) > 1}
    read = {n for n in differ if n.lstrip("&").split("[", 1)[0] in text}
    same_place = all(s[0] == first[0] and s[1] == first[1] for s in ends)
    if not same_place or any(not _plain(s[2].get(n)) for n in read for s in ends):
        # too_many_paths: fail closed at the walk's limit, as too_deep does for nesting
        w.flag("too_many_paths", f"branches leave over {_MAX_FORKS} states a later command reads")
    _restore(w, _merge(ends))


# no dot, or a dot in front (a dotfile, `.env.example`): never a host name or an address
_PLAIN = re.compile(r"^(?:[A-Za-z0-9_+=,-]*|\.[A-Za-z0-9_.+=,-]*)$")


def _plain(value: str | None) -> bool:
    return value is None or bool(_PLAIN.match(value))


def _state(w: Walker) -> State:
    return (w.cwd, w.env.workspace, dict(w.env.values), frozenset(w.env.computed))


def _restore(w: Walker, state: State) -> None:
    w.cwd, w.env.workspace = state[0], state[1]
    w.env.values, w.env.computed = dict(state[2]), set(state[3])


def _distinct(states: list[State]) -> list[State]:
    seen: dict[object, State] = {}
    for state in states:
        seen.setdefault((state[0], state[1], frozenset(state[2].items()), state[3]), state)
    return list(seen.values())


def _merge(states: list[State]) -> State:
    """One state for several: what they agree on, and run-time values where they do not."""
    first = states[0]
    names = {name for state in states for name in state[2]}
    values = {
        name: first[2].get(name)
        if all(name in s[2] and s[2][name] == first[2].get(name) for s in states)
        else None
        for name in names
    }
    cwd = first[0] if all(s[0] == first[0] for s in states) else UNKNOWN
    workspace = first[1] if all(s[1] == first[1] for s in states) else UNKNOWN
    return (cwd, workspace, values, frozenset().union(*(s[3] for s in states)))


def sequence(w: Walker, kids: Sequence[Node], visit: Visit) -> None:
    """Judge statements in order; after one with several paths, the rest once per path.
    The walker is left with what every path agrees on (run-time values where they differ)."""
    ends = _ends(w, kids, visit)
    if ends is not None:
        _restore(w, ends[0] if len(ends) == 1 else _merge(ends))


def _all(w: Walker, kids: Sequence[Node], visit: Visit) -> list[State]:
    ends = _ends(w, kids, visit)
    return ends if ends is not None else [_state(w)]


def _ends(w: Walker, kids: Sequence[Node], visit: Visit) -> list[State] | None:
    """The distinct states the statements may leave, each judged along its path (None: only
    the walker's state now, the common case, kept without a copy)."""
    kids = list(kids)
    for index, child in enumerate(kids):
        kind = child.type
        if kind == "compound_statement":  # { …; }: its statements run in this shell
            return _ends(w, [*child.named_children, *kids[index + 1 :]], visit)
        branching = child
        if kind == _REDIRECTED:  # `if …; fi > f`: the statement inside may fork
            branching = _redirected_branch(w, child) or child
            kind = branching.type
        if kind not in _FORKS:
            visit(w, child)
            continue
        ends = _distinct(_paths(w, branching, visit))
        rest = kids[index + 1 :]
        if len(ends) == 1:
            _restore(w, ends[0])
            continue
        if not rest:
            return ends
        if not _used(w, ends, rest):
            # the rest never reads what the paths disagree on: one state, nothing lost
            _restore(w, _merge(ends))
            continue
        if w.forks >= _MAX_FORKS:
            past_the_cap(w, ends, rest)
            continue
        finals: list[State] = []
        for end in ends:
            w.forks += 1
            _restore(w, end)
            finals.extend(_all(w, rest, visit))
        return _distinct(finals)
    return None


def _redirected_branch(w: Walker, node: Node) -> Node | None:
    """``if …; fi 2>/dev/null``: its redirects judged here, the ``if`` returned to be walked
    path by path (one fed a here-document or here-string is walked whole, as before)."""
    if node.type != "redirected_statement":
        return None
    body = node.child_by_field_name("body")
    if body is None or body.type not in ("if_statement", "case_statement"):
        return None
    if any(c.type in ("heredoc_redirect", "herestring_redirect") for c in node.named_children):
        return None
    from clawkeep.guards.command_guard._walk_tree import redirects_of

    redirects_of(w, node)
    return body


def _used(w: Walker, ends: list[State], rest: Sequence[Node]) -> bool:
    """Whether the rest of the line may read a variable (or the directory) the paths left
    different: a name that does not appear in its text cannot be read there (eval and
    nested shells are text of the rest too)."""
    first = ends[0]
    if any(s[0] != first[0] or s[1] != first[1] for s in ends):
        return True
    names = {k for s in ends for k, v in s[2].items() if first[2].get(k, UNKNOWN) != v}
    names |= {k for k, v in first[2].items() if any(s[2].get(k, UNKNOWN) != v for s in ends)}
    if names & ENV_READ and rest:
        return True  # a program of the rest reads it from its environment, unnamed
    text = "".join(w.text(node) for node in rest)
    return any(name.lstrip("&").split("[", 1)[0] in text for name in names)


def _paths(w: Walker, node: Node, visit: Visit) -> list[State]:
    """The states each path through a branching statement leaves (the walk starts at the
    current state and judges every path)."""
    if node.type in _LOOPS:
        start = _state(w)
        for cond in node.children_by_field_name("condition"):
            visit(w, cond)
        skipped = _state(w)  # the condition failed at once: the body never ran
        loop_body = node.child_by_field_name("body")
        if loop_body is None or loop_body.type != "do_group":
            _restore(w, start)
            visit(w, node)  # condition, body (and the loop's own checks)
            return [skipped, _state(w)]
        from clawkeep.guards.command_guard._walk_forks import spawn_loop

        spawn_loop(w, node)
        # the states each path through the body leaves (`case $o in d) dest=$OPTARG;; esac`
        # leaves dest as it was, or the option's value), not one merged into run-time values
        statements = [c for c in loop_body.named_children if c.type != "comment"]
        ends = _all(w, statements, visit)  # judged either way
        return [skipped] if finds_no_option(w, w.text(node)) else [skipped, *ends]
    if node.type == "list":
        left, right = node.named_children[0], node.named_children[-1]
        lefts = _paths(w, left, visit) if left.type in _BRANCHING else None
        if lefts is None:
            visit(w, left)
            lefts = [_state(w)]
        lefts = _distinct(lefts)
        if len(lefts) > 1 and w.forks >= _MAX_FORKS and _used(w, lefts, [right]):
            past_the_cap(w, lefts, [right])  # `a && b …`: past the cap, the right reads one
            lefts = [_state(w)]
        elif len(lefts) > 1 and w.forks >= _MAX_FORKS:
            lefts = [_merge(lefts)]  # the right never reads what they disagree on
        w.forks += len(lefts) - 1
        ends = list(lefts)
        for state in lefts:
            _restore(w, state)
            ends.extend(_all(w, [right], visit))
        return _distinct(ends)
    if node.type == "case_statement":
        value = node.child_by_field_name("value")
        if value is not None:
            visit(w, value)
        after = _state(w)
        items = [c for c in node.named_children if c.type == "case_item"]
        ends = [] if any(_catch_all(w, item) for item in items) else [after]
        for item in items:
            _restore(w, after)
            patterns = {_span(p) for p in item.children_by_field_name("value")}
            body = [c for c in item.named_children if _span(c) not in patterns]
            ends.extend(_all(w, body, visit))
        return ends or [after]
    # if_statement: the conditions always run; then one branch, or none without an `else`
    return _if_paths(w, node, visit)


def _if_paths(w: Walker, node: Node, visit: Visit) -> list[State]:
    ends: list[State] = []
    clauses = [node, *(c for c in node.named_children if c.type == "elif_clause")]
    otherwise = next((c for c in node.named_children if c.type == "else_clause"), None)
    skip = ("elif_clause", "else_clause", "comment")
    for clause in clauses:
        conditions = clause.children_by_field_name("condition")
        for cond in conditions:
            visit(w, cond)
        after = _state(w)  # this condition ran; when it fails the next clause starts here
        spans = {_span(c) for c in conditions}
        body = [c for c in clause.named_children if _span(c) not in spans and c.type not in skip]
        ends.extend(_all(w, body, visit))
        _restore(w, after)
    if otherwise is None:
        return [*ends, _state(w)]  # no `else`: every condition may fail
    return ends + _all(w, [c for c in otherwise.named_children if c.type != "comment"], visit)


def _span(node: Node) -> tuple[int, int]:
    return (node.start_byte, node.end_byte)


def _catch_all(w: Walker, item: Node) -> bool:
    return any(w.text(p) == "*" for p in item.children_by_field_name("value"))
