"""The untrusted-data rule: may this call run, given where the context came from?

One pure function, ``judge_call``, used by the agent turn and by `clawkeep guard call`.
Once untrusted content (another sender's words, outside content) is in the context, a
call whose effects go beyond read-only runs only when every argument that chooses where
or what (recipient, URL or host, account number, path, command line, target agent) is
grounded in the owner's words or the config, and bound to the kind of action the owner
named it for. A call with nothing to ground (no selector, or only amounts and dates)
needs a side effect the owner asked for, in any language ``_intents`` covers. A send
after a read whose object untrusted content chose (``steered``) is held: the data it
read may be what the injection wants out. Otherwise the call is held for the owner
(``ask``) or refused where no owner can be asked (``deny``). A flagged item makes every
non-read-only call ``ask``. The model's own words never ground anything, so no text it
writes can approve a call.

Beside it: what grounds (``_grounds``), which strings of the arguments choose where or
what (``_call_args``), and whether each is grounded for the action (``_binding``); this
module turns them into the verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from clawkeep.policy._binding import Found, bound, needed_for, ungrounded
from clawkeep.policy._call_args import requests_url, strings
from clawkeep.policy._grounds import Grounds, grounds_from
from clawkeep.policy._tokens import host_of_url, words
from clawkeep.policy.effects import ToolEffects
from clawkeep.policy.provenance import ContextItem

__all__ = ["CallVerdict", "Grounds", "Mode", "grounds_from", "judge_call", "steers"]

Mode = Literal["ask", "deny", "off"]
Verdict = Literal["allow", "ask", "deny"]


@dataclass(frozen=True, slots=True)
class CallVerdict:
    """The decision on one call: ``ungrounded`` names the arguments that were not."""

    verdict: Verdict
    reason: str
    ungrounded: tuple[str, ...] = ()
    detail: str = ""

    @property
    def allowed(self) -> bool:
        return self.verdict == "allow"

    def as_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "ungrounded": list(self.ungrounded),
            "detail": self.detail,
        }


def judge_call(
    context: Sequence[ContextItem],
    tool: ToolEffects,
    args: Mapping[str, Any],
    *,
    trusted: Iterable[str] = (),
    mode: Mode = "ask",
    owner_present: bool = True,
) -> CallVerdict:
    """Allow, ask or deny one tool call (see the module docstring)."""
    if mode == "off":
        return CallVerdict("allow", "untrusted.off")
    if tool.read_only:
        if not requests_url(tool, args):
            return CallVerdict("allow", "untrusted.read_only")
        # A read at a URL (an MCP fetch: readOnlyHint, openWorldHint) sends a request
        # there, and data rides in its path and query: judged as the send it is.
        tool = ToolEffects(
            tool.effects | {"sends_outside"}, tool.selectors, tool.content, tool.declared_by
        )
    if not any(item.untrusted or item.flagged for item in context):
        return CallVerdict("allow", "untrusted.clean")
    can_ask = mode == "ask" and owner_present
    grounds = grounds_from(context, trusted)
    missing, misbound, checked = ungrounded(tool, args, grounds)
    held = tuple(path for path, _ in missing + misbound)
    why = _why(context, missing, misbound)
    unasked = not checked and not needed_for(tool) <= grounds.asked
    steered = "sends_outside" in tool.effects and any(item.steered for item in context)
    if held and not can_ask:
        # No owner to ask: a destination untrusted content chose is refused outright.
        return CallVerdict("deny", "untrusted.ungrounded", held, why)
    if missing:
        # An argument choosing where/what came from untrusted content: the owner decides.
        return CallVerdict("ask", "untrusted.ungrounded", held, why)
    if misbound:
        # The owner named this destination for another kind of action (bindings).
        return CallVerdict("ask", "untrusted.binding", held, why)
    if unasked:
        if not can_ask:
            return CallVerdict("deny", "untrusted.unasked_effect", (), _UNASKED_DETAIL)
        # Nothing to ground (no destination, an id, an amount): the kind of effect must
        # be one the owner asked for, or a bare "delete event 7" in the data would run.
        return CallVerdict("ask", "untrusted.unasked_effect", (), _UNASKED_DETAIL)
    if steered:
        if not can_ask:
            return CallVerdict("deny", "untrusted.steered_read", (), _STEERED_DETAIL)
        # A read earlier in the turn took its object from untrusted content: what it read
        # may be what the injection wants sent, even to a destination the owner named.
        return CallVerdict("ask", "untrusted.steered_read", (), _STEERED_DETAIL)
    if any(item.flagged for item in context):
        if not can_ask:
            return CallVerdict("deny", "untrusted.flagged_no_owner", (), _FLAG_DETAIL)
        # The classifier raises the bar: a flagged item makes every side effect an ask.
        return CallVerdict("ask", "untrusted.flagged", (), _FLAG_DETAIL)
    return CallVerdict("allow", "untrusted.grounded")


_FLAG_DETAIL = "the injection classifier flagged an item in this context"
_UNASKED_DETAIL = "the owner's messages did not ask for this kind of side effect"
_STEERED_DETAIL = (
    "an earlier read in this turn took its object (a path, a URL, an id) from untrusted "
    "content, and this call sends outside"
)


def steers(
    context: Sequence[ContextItem],
    tool: ToolEffects,
    args: Mapping[str, Any],
    *,
    trusted: Iterable[str] = (),
) -> bool:
    """Whether a call took the object it reads from untrusted content: a read-only call
    with an argument the model set (pass only those) that no owner item or config entry
    names, or a call with a URL the owner did not give whole. Its result is then
    ``steered``, and a later send in the turn is held."""
    if not any(item.untrusted for item in context):
        return False
    grounds = grounds_from(context, trusted)
    if not tool.read_only:
        # A fetch on a host the owner named may still take its path from the data
        # ({web}/admin/export): only the exact URL the owner gave leaves it unsteered.
        return any(
            host_of_url(w) is not None and not bound(grounds.words, w, frozenset())
            for name, value in args.items()
            if tool.is_selector(str(name))
            for _path, text in strings(value, str(name))
            for w in words(text)
        )
    # Every argument of a read chooses what it reads, a "query" too (search_docs(query=
    # "salaries") picks the object as surely as a path does).
    every = ToolEffects(tool.effects, None, (), tool.declared_by)
    missing, _misbound, _checked = ungrounded(every, args, grounds)
    return bool(missing)


def _origin(context: Sequence[ContextItem], value: str) -> str:
    needle = value.strip()[:200]
    for item in context:
        if item.untrusted and needle and needle in item.content:
            return item.origin or item.source
    return "no owner message or config entry"


def _why(context: Sequence[ContextItem], missing: Found, misbound: Found) -> str:
    parts = []
    for path, value in missing:
        parts.append(
            f"{path}={value[:120]!r} is not in the owner's words or the config "
            f"(source: {_origin(context, value)})"
        )
    for path, value in misbound:
        parts.append(f"{path}={value[:120]!r} was given by the owner for another kind of action")
    return "; ".join(parts)
