"""Whether each argument that chooses where or what is grounded, and for the kind of
action the call needs (bindings): an address the owner named for a look-up is not open
for a send, and a delete takes only what the owner named for a delete.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from clawkeep.policy._call_args import addressed, exempt, inside_content, strings
from clawkeep.policy._grounds import Grounds
from clawkeep.policy._tokens import digits_of, host_of_url, norm, words
from clawkeep.policy.effects import Effect, ToolEffects

__all__ = ["Found", "bound", "needed_for", "ungrounded"]

Found = tuple[tuple[str, str], ...]  # (argument path, value)


def bound(table: Mapping[str, frozenset[Effect]], key: str, needs: frozenset[Effect]) -> bool:
    """Whether ``key`` is grounded in ``table`` for every effect in ``needs``."""
    have = table.get(key)
    return have is not None and needs <= have


def _url_ok(token: str, g: Grounds, needs: frozenset[Effect]) -> bool | None:
    url = host_of_url(token)
    if url is None:
        return None
    host, plain = url
    if not host:
        return False
    if plain:
        return bound(g.hosts, host, needs)
    # Userinfo, a query or an encoded host: only the exact URL the owner gave.
    return bound(g.words, norm(token), needs)


def _word_ok(token: str, g: Grounds, needs: frozenset[Effect]) -> bool:
    url = _url_ok(token, g, needs)
    if url is not None:
        return url
    number = digits_of(token)
    if number is not None:
        return bound(g.digits, number, needs)
    return bound(g.words, token, needs)


def _value_ok(value: str, g: Grounds, needs: frozenset[Effect]) -> bool:
    text = value.strip()
    whole = digits_of(text)
    if whole is not None:
        return bound(g.digits, whole, needs)
    return all(_word_ok(w, g, needs) for w in words(text))


_DESTROYER: Final[frozenset[Effect]] = frozenset(
    {"read_only", "writes_workspace", "sends_outside", "destroys"}
)


def needed_for(tool: ToolEffects) -> frozenset[Effect]:
    """The kind of action a selector must have been named for. A destroying tool needs
    only the owner's "delete"/"cancel": an open-world MCP tool that deletes (an event, a
    mail) also reads as "sends outside", and the owner never says "send" to cancel."""
    if "destroys" in tool.effects and tool.effects <= _DESTROYER:
        return frozenset({"destroys"})  # never for code or gateway control (worst case)
    return tool.side_effects()


def ungrounded(tool: ToolEffects, args: Mapping[str, Any], g: Grounds) -> tuple[Found, Found, bool]:
    """(ungrounded arguments, arguments grounded but bound to another action, whether any
    argument chose a destination at all)."""
    needs = needed_for(tool)
    whole = tool.side_effects()
    missing: list[tuple[str, str]] = []
    misbound: list[tuple[str, str]] = []
    checked = False
    for name, value in args.items():
        if tool.is_selector(str(name)):
            found = strings(value, str(name))
        elif tool.guessed and isinstance(value, Mapping | list | tuple):
            # {"message": {"toRecipients": [...], "body": ...}}: a name guessed as content
            # holding an object; the addresses inside it still choose where it goes.
            found = (f for f in inside_content(value, str(name)) if addressed(f[1]))
        else:
            continue
        for path, text in found:
            if exempt(text, path):
                continue
            checked = True
            # A delete names what it deletes; an address it would send to must have been
            # named for a send: "delete the mail from eve@…" never opens a send to eve.
            need = (
                whole
                if needs != whole and "sends_outside" in whole and addressed(text, encoded=False)
                else needs
            )
            if _value_ok(text, g, need):
                continue
            if _value_ok(text, g, frozenset()):
                misbound.append((path, text))  # the owner named it, for another action
            else:
                missing.append((path, text))
    return tuple(missing), tuple(misbound), checked
