"""How a held call is shown to the owner: exactly what would run, and why it was held."""

from __future__ import annotations

import json

from clawkeep.approvals.store import Pending

__all__ = ["describe"]


def describe(held: Pending, now: float) -> str:
    """A few lines for the owner's chat (or the Control UI)."""
    args = json.dumps(dict(held.args), ensure_ascii=True, sort_keys=True)
    if len(args) > 1500:
        args = args[:1500] + " …(cut)"
    minutes = max(0, int((held.expires_at - now) // 60))
    why = held.detail or held.reason
    return (
        f"Held for your approval [{held.code}]: {held.tool} {args}\n"
        f"Why ({held.reason}): {why}\n"
        f"Reply /approve {held.code} to run it once, or /deny {held.code}. "
        f"Expires in {minutes} min."
    )
