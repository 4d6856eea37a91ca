"""Sender-list matching: exact ids, an optional ``<channel>:`` prefix, and ``*``.

On the phone-number channels (WhatsApp, Signal) an entry is first put in its canonical
form (``clawkeep.phoneids``), so ``+46 70-123 45 67`` and ``46701234567@s.whatsapp.net`` in
``allowFrom`` both list the sender ``+46701234567``; a LID entry lists only that LID.
"""

from __future__ import annotations

from collections.abc import Iterable

from clawkeep.phoneids import e164, wa_id

__all__ = ["id_listed"]

_PHONE_CHANNELS = frozenset({"whatsapp", "signal"})


def _canonical(entry: str, channel: str) -> str:
    if channel == "whatsapp":
        ident = wa_id(entry)
        return str(ident) if ident is not None else entry
    if channel == "signal":
        return e164(entry) or entry
    return entry


def id_listed(sender: str, channel: str, entries: Iterable[str]) -> bool:
    """Whether ``sender`` on ``channel`` is in ``entries`` ("*" lists everyone)."""
    prefix = f"{channel}:"
    phones = channel in _PHONE_CHANNELS
    for entry in entries:
        if entry == "*":
            return True
        bare = entry[len(prefix) :] if entry.startswith(prefix) else entry
        # Exact comparison only: no case folding or prefix matching that could let a
        # look-alike id pass; phone channels compare canonical forms (one spelling each).
        if bare == sender or (phones and _canonical(bare, channel) == sender):
            return True
    return False
