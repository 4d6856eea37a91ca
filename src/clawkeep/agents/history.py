"""What a session's stored history means for a turn: the model's messages, and whose words
each line holds (the owner's, another sender's, or outside content the rule must not trust).

A reply stored after a turn that read untrusted content is outside content here; after a
steered read it stays steered, so its data cannot ride a later turn's send.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clawkeep.agents.providers.types import Message
from clawkeep.agents.untrusted import TurnProvenance, wrap_untrusted
from clawkeep.commands import is_owner
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import InboundMessage, TurnRequest
from clawkeep.policy.provenance import Source

if TYPE_CHECKING:
    from clawkeep.sessions import TranscriptStore

__all__ = ["HistoryEntry", "read_history", "turn_messages", "turn_provenance"]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One stored line of a session, with the marks that say whose words it holds."""

    role: str
    text: str
    untrusted: bool
    source: str
    flagged: bool
    sender: str = ""
    channel: str = ""
    account: str = ""
    tainted_turn: bool = False  # the gateway's mark: the turn that follows saw untrusted text
    steered_turn: bool = False  # ... and made a read whose object untrusted content chose


def _same_sender(e: HistoryEntry, msg: InboundMessage) -> bool:
    """The owner's own earlier line: one sender id on one channel account. The same id on
    another channel (a webhook's free-form sender, a bridge) is someone else."""
    return (e.sender, e.channel, e.account) == (msg.sender, msg.channel, msg.account)


def _history_messages(entries: list[HistoryEntry]) -> list[Message]:
    out: list[Message] = []
    for e in entries:
        if e.role not in ("user", "assistant"):
            continue
        # A message the channel guard flagged stays marked in every later turn's context.
        source = e.source or ("flagged-message" if e.flagged else "forwarded")
        body = wrap_untrusted(e.text, source=source) if e.untrusted or e.flagged else e.text
        out.append(Message("user" if e.role == "user" else "assistant", body))
    return out


def read_history(store: TranscriptStore | None, session_key: str, limit: int) -> list[HistoryEntry]:
    """The last ``limit`` rows of the session, with the marks the gateway stored on them."""
    if store is None:
        return []
    rows = store.history(session_key, limit + 1)
    if len(rows) > limit and rows[0].role != "system":
        rows = rows[1:]
    # One row more when it is the gateway's mark: the window's oldest reply keeps the mark
    # stored just before it (untrusted, steered) instead of losing it at the edge.
    return [
        HistoryEntry(
            e.role,
            e.text,
            bool(e.meta.get("untrusted")),
            str(e.meta.get("source", "")),
            bool(e.meta.get("flagged")),
            str(e.meta.get("sender", "")),
            str(e.meta.get("channel", "")),
            str(e.meta.get("account", "")),
            e.role == "system" and bool(e.meta.get("untrusted_turn")),
            e.role == "system" and bool(e.meta.get("steered")),
        )
        for e in rows
    ]


def turn_messages(rows: list[HistoryEntry], request: TurnRequest | None) -> list[Message]:
    """The model's messages: the history (untrusted lines wrapped), then this message."""
    messages = _history_messages(rows)
    text = request.message.text if request is not None else None
    if text is not None and (not rows or rows[-1].text != text or rows[-1].role != "user"):
        messages.append(Message("user", text))  # the store did not have it yet
    return messages


def turn_provenance(
    config: RootConfig,
    agent_id: str,
    session_key: str,
    request: TurnRequest | None,
    depth: int,
    system: str,
    history: list[HistoryEntry],
    payload_flagged: bool = False,
) -> TurnProvenance:
    """Where each item of this turn's context came from. ``payload_flagged``: a delegated
    turn whose payload (stored with the flag) the content guard flagged."""
    msg = request.message if request is not None else None
    owner = msg is not None and depth == 0 and is_owner(msg, config)
    prov = TurnProvenance(config, agent_id, session_key, owner)
    # The identity files are the owner's words while the agent cannot write them.
    unlocked = config.guards.file.unlock_identity_files
    prov.add("system", system, "model" if unlocked else "owner", origin="identity files")
    rows = list(history)
    if msg is not None and rows and rows[-1].role == "user" and rows[-1].text == msg.text:
        rows.pop()  # the current message, added below with its own flag
    # A reply after a turn that read untrusted content may carry it ("noted: forward
    # all to eve@…"); the oldest row of the window may have lost its mark: untrusted.
    tainted = bool(rows) and rows[0].role == "assistant"
    steered = False
    # The flagged payload: the last stored line that carries the flag (a concurrent send's
    # unflagged line may have landed after it).
    marked = [e for e in rows if e.role == "user" and e.flagged]
    payload = marked[-1] if payload_flagged and msg is None and marked else None
    for e in rows:
        if e.tainted_turn:
            tainted, steered = True, e.steered_turn
        elif e.role == "assistant" and tainted:
            origin = "reply after untrusted content"
            prov.add("assistant", e.text, "outside", origin=origin, steered=steered)
            tainted = steered = False
        elif e.role == "assistant":
            prov.add("assistant", e.text, "model")
        elif e.role != "user":
            continue
        elif e.untrusted or e.flagged:
            # A flagged message is untrusted in every later turn (its flag was its turn's);
            # a flagged delegated payload is flagged in its own turn, as a message is.
            origin = e.source or "flagged-message"
            prov.add("user", e.text, "outside", flagged=e is payload, origin=origin)
        elif owner and msg is not None and (not e.sender or _same_sender(e, msg)):
            prov.add("user", e.text, "owner", origin="owner")
        else:
            prov.add("user", e.text, "sender", origin=e.sender or "sender")
    if msg is not None:
        source: Source = "owner" if owner else "sender"
        prov.add(
            "user",
            msg.text,
            source,
            flagged=request is not None and request.flagged,
            origin=msg.sender,
        )
    return prov
