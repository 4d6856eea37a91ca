"""Canonical forms of phone-number and WhatsApp ids: one spelling each, so ids compare.

WhatsApp names one person in several spellings: ``46701234567`` (a ``wa_id``),
``+46701234567``, ``46701234567@s.whatsapp.net`` (a JID, perhaps with ``:device``) and,
since the LID transition, an opaque ``123456789012345@lid`` that is NOT a phone number.
Comparing one spelling against another is how a mention goes unseen (OpenClaw #11758),
so every id is turned into a typed ``WaId`` first; a phone id and a LID never compare
equal, and a comparison between them cannot be written by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["WaId", "e164", "wa_id"]

_DIGITS = re.compile(r"[0-9]{6,15}")
_LID = re.compile(r"[0-9]{1,24}")
_SEPARATORS = re.compile(r"[\s().\-]")
_PHONE_SUFFIXES = ("@s.whatsapp.net", "@c.us")


@dataclass(frozen=True, slots=True)
class WaId:
    """One WhatsApp identity: a phone number (E.164, with ``+``) or a LID (digits)."""

    kind: Literal["phone", "lid"]
    value: str

    def __str__(self) -> str:
        return self.value if self.kind == "phone" else f"{self.value}@lid"


def e164(raw: str) -> str | None:
    """``raw`` as ``+<digits>`` (E.164), or None when it is not a phone number.

    Accepts ``+46 70-123 45 67``, ``0046…`` is NOT accepted (a trunk prefix is a local
    dialling habit, not an id), ``46701234567`` and the JID forms with ``:device``.
    """
    text = raw.strip()
    for suffix in _PHONE_SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)].split(":", 1)[0]
            break
    text = _SEPARATORS.sub("", text)
    digits = text[1:] if text.startswith("+") else text
    if not _DIGITS.fullmatch(digits) or digits.startswith("0"):
        return None
    return "+" + digits


def wa_id(raw: str) -> WaId | None:
    """The typed identity behind any spelling WhatsApp uses, or None if unreadable."""
    text = raw.strip()
    if text.endswith("@lid"):
        lid = text[: -len("@lid")].split(":", 1)[0]
        return WaId("lid", lid) if _LID.fullmatch(lid) else None
    phone = e164(text)
    return WaId("phone", phone) if phone is not None else None
