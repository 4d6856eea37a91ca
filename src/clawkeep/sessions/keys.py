"""Session keys: which conversation a message belongs to, formed as OpenClaw forms them.

- dmScope main:                      ``agent:<a>:main``
- per-peer:                          ``agent:<a>:direct:<ch>:<peer>``
- per-channel-peer:                  ``agent:<a>:<ch>:direct:<peer>``
- per-account-channel-peer:          ``agent:<a>:<ch>:<acct>:direct:<peer>``
- groups (any scope):                ``agent:<a>:<ch>:group:<id>`` (+ ``:thread:<id>``)

``session.identityLinks`` maps a canonical name to the peers that are one person
(``{"alice": ["telegram:123", "webhook:alice@example.org"]}``); a linked peer's DMs use
``link:<name>`` in place of ``<peer>`` (per-peer: in place of ``<ch>:<peer>``). Ids from
outside are escaped (``%`` and ``:`` percent-encoded) so a sender cannot choose an id that
spells another session's key (``x:thread:y``).

Stricter than OpenClaw, whose per-peer key is the bare peer id: there, Telegram user 42 and
a webhook sender who calls itself "42" share one session, and a web-chat user named "alice"
lands in the session of the person linked as "alice". Here an unlinked peer's key always
names its channel, and a linked name sits behind ``link:``, which no escaped id can spell.
"""

from __future__ import annotations

from collections.abc import Mapping

from clawkeep.config.schema.session import DmScope
from clawkeep.contracts import InboundMessage

__all__ = ["canonical_peer", "escape_part", "session_key"]


def escape_part(value: str) -> str:
    """One key component: ``%`` and ``:`` encoded, so components never run together."""
    # Security: without this, group "g:thread:t" and group "g" thread "t" share a session.
    return value.replace("%", "%25").replace(":", "%3A")


def canonical_peer(channel: str, peer: str, links: Mapping[str, tuple[str, ...]]) -> str | None:
    """The canonical name ``peer`` is linked to on ``channel``, or None when unlinked."""
    scoped = f"{channel}:{peer}"
    for name, members in links.items():
        if scoped in members:
            return name
    return None


def session_key(
    agent_id: str,
    message: InboundMessage,
    scope: DmScope,
    links: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """The session ``message`` lands in for ``agent_id`` under ``scope``."""
    agent = escape_part(agent_id.lower())
    channel = escape_part(message.channel.lower())
    if message.session is not None and message.chat_type == "direct":
        # An owner-named session (client API): its own key whatever the dmScope; escaped,
        # so a name cannot spell another session's key.
        return f"agent:{agent}:{channel}:direct:{escape_part(message.session)}"
    if message.chat_type == "group":
        key = f"agent:{agent}:{channel}:group:{escape_part(message.group or '')}"
        if message.thread:
            key += f":thread:{escape_part(message.thread)}"
        return key
    if scope == "main":
        return f"agent:{agent}:main"
    name = canonical_peer(message.channel, message.sender, links or {})
    # Security: a linked name and a raw sender id never share a key (an escaped id has no
    # ":", so it cannot spell "link:<name>"), and per-peer keeps each channel's ids apart.
    peer = f"link:{escape_part(name)}" if name is not None else escape_part(message.sender)
    if scope == "per-peer" and name is None:
        return f"agent:{agent}:direct:{channel}:{peer}"
    if scope == "per-peer":
        return f"agent:{agent}:direct:{peer}"
    if scope == "per-channel-peer":
        return f"agent:{agent}:{channel}:direct:{peer}"
    account = escape_part(message.account.lower())
    return f"agent:{agent}:{channel}:{account}:direct:{peer}"
