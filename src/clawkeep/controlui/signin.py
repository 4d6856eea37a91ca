"""Who is signed in to the Control UI: server-side sessions and one-time sign-in links.

A session is a random id in an HttpOnly cookie (the server keeps only its SHA-256), a
CSRF token bound to it, an idle expiry and an absolute one. Signing in always makes a
new session (the id rotates; one presented with the sign-in is ended). Signing out ends
it on the server, so a copied cookie is dead too.

A one-time sign-in link (``clawkeep dashboard``) carries a ticket made from the gateway's
own secret: ``<expiry>.<nonce>.<HMAC-SHA256(secret, expiry.nonce)>``. It lives at most
``TICKET_TTL_S`` and the gateway accepts each nonce once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from clawkeep.decision import Allow, Decision, Deny

__all__ = [
    "ABSOLUTE_S",
    "IDLE_S",
    "TICKET_TTL_S",
    "SignInSessions",
    "TicketBook",
    "UiSession",
    "make_ticket",
]

IDLE_S = 15 * 60.0
ABSOLUTE_S = 12 * 3600.0
TICKET_TTL_S = 60
MAX_SESSIONS = 64
# <expiry seconds>.<32 hex nonce>.<64 hex MAC>, in ASCII digits and letters only: str
# compare_digest raises on other characters, and int() reads Arabic-Indic digits.
_TICKET = re.compile(r"([0-9]{1,12})\.([0-9a-f]{32})\.([0-9a-f]{64})")


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(slots=True)
class UiSession:
    """One signed-in browser."""

    csrf: str
    created: float
    seen: float


class SignInSessions:
    """Server-side sessions, keyed by the SHA-256 of the cookie's value."""

    def __init__(
        self,
        *,
        idle_s: float = IDLE_S,
        absolute_s: float = ABSOLUTE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._idle_s = idle_s
        self._absolute_s = absolute_s
        self._clock = clock
        self._lock = threading.Lock()
        self._sessions: OrderedDict[str, UiSession] = OrderedDict()

    def start(self, previous: str | None = None) -> tuple[str, UiSession]:
        """A new session (and its cookie value); ``previous`` is ended: ids rotate."""
        sid = secrets.token_urlsafe(32)
        now = self._clock()
        session = UiSession(secrets.token_urlsafe(32), now, now)
        with self._lock:
            if previous is not None:
                self._sessions.pop(_digest(previous), None)
            self._sessions[_digest(sid)] = session
            while len(self._sessions) > MAX_SESSIONS:  # bounded: the oldest sign-in goes
                self._sessions.popitem(last=False)
        return sid, session

    def get(self, sid: str | None) -> UiSession | None:
        """The live session for a cookie value, touched; None when unknown or expired."""
        if not sid:
            return None
        key = _digest(sid)
        now = self._clock()
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                return None
            if now - session.seen > self._idle_s or now - session.created > self._absolute_s:
                del self._sessions[key]  # stale: refused, and forgotten
                return None
            session.seen = now
            return session

    def end(self, sid: str | None) -> bool:
        """Sign out: the session is gone on the server."""
        if not sid:
            return False
        with self._lock:
            return self._sessions.pop(_digest(sid), None) is not None

    def __len__(self) -> int:
        with self._lock:
            return len(self._sessions)


def _mac(secret: str, body: str) -> str:
    return hmac.new(
        secret.encode(), b"clawkeep-ui-ticket\x00" + body.encode(), "sha256"
    ).hexdigest()


def make_ticket(secret: str, now: float | None = None) -> str:
    """A one-time sign-in ticket that expires ``TICKET_TTL_S`` from ``now`` (wall clock)."""
    expiry = int((time.time() if now is None else now) + TICKET_TTL_S)
    body = f"{expiry}.{secrets.token_hex(16)}"
    return f"{body}.{_mac(secret, body)}"


class TicketBook:
    """Redeems tickets: right MAC, not expired, each nonce once."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._used: dict[str, float] = {}

    def redeem(self, secret: str | None, ticket: str) -> Decision:
        shape = _TICKET.fullmatch(ticket)
        if not secret or shape is None:  # ASCII only: no other spelling reaches the compare
            return Deny("controlui.ticket_invalid", "not a sign-in ticket")
        expiry, nonce, mac = shape.groups()
        expected = _mac(secret, f"{expiry}.{nonce}")
        if not hmac.compare_digest(mac.encode(), expected.encode()):
            return Deny("controlui.ticket_invalid", "the ticket was not made by this gateway")
        now = self._clock()
        if int(expiry) < now or int(expiry) > now + TICKET_TTL_S + 5:
            return Deny(
                "controlui.ticket_expired", "the sign-in link expired: run clawkeep dashboard again"
            )
        with self._lock:
            for old, until in list(self._used.items()):
                if until < now:
                    del self._used[old]  # past its expiry a nonce cannot come back anyway
            if nonce in self._used:
                return Deny("controlui.ticket_used", "the sign-in link was already used")
            self._used[nonce] = float(expiry)
        return Allow("controlui.ticket_ok")
