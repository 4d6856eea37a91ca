"""How a held call is shown to the owner: exactly what would run, and why it was held."""

from __future__ import annotations

import json
import unicodedata

from clawkeep.approvals.store import Pending

__all__ = ["NOTICE_HEAD", "decision_text", "describe", "without_notice"]

NOTICE_HEAD = "Held for your approval ["
"""How the gateway's notice of a held call begins, under the agent's reply."""


def _visible(text: str) -> str:
    """Control, format and direction characters escaped (a newline or an RTL override in
    a model-chosen origin cannot forge a line or reorder the text)."""
    return "".join(
        c if not unicodedata.category(c).startswith("C") else c.encode("unicode_escape").decode()
        for c in text
    )


def describe(held: Pending, now: float) -> str:
    """A few lines for the owner's chat (or the Control UI)."""
    # Shown whole, never shortened: a long harmless head must not push the real command or
    # recipient out of the owner's view. Non-ASCII is escaped, so no control or direction
    # character can disguise what runs.
    args = json.dumps(dict(held.args), ensure_ascii=True, sort_keys=True)
    minutes = max(0, int((held.expires_at - now) // 60))
    why = _visible(held.detail or held.reason)
    return (
        f"{NOTICE_HEAD}{held.code}]: {_visible(held.tool)} {args}\n"
        f"Why ({held.reason}): {why}\n"
        f"Reply /approve {held.code} to run it once, or /deny {held.code}. "
        f"Expires in {minutes} min."
    )


def without_notice(reply: str) -> str:
    """The reply as the transcript keeps it: the agent's words, without the gateway's
    notices under them. The code is for the owner's eyes only: a model that read it back
    (its history, sessions_history) could try to echo it toward an approval."""
    cut = reply.find("\n\n" + NOTICE_HEAD)
    return reply if cut < 0 else reply[:cut]


def decision_text(reason: str) -> str:
    """What the owner is told when an /approve or /deny decided nothing (its reason code)."""
    if reason == "approvals.expired":
        return "That approval expired; the call did not run."
    if reason == "approvals.already_decided":
        return "That call was already decided."
    return "No held call has that code."
