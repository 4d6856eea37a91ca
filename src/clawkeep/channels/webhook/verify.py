"""Signed webhook verification: HMAC-SHA256, a 5-minute timestamp window, no replays.

The sender signs ``<timestamp>.<raw body>`` with the account's secret and sends
``X-Clawkeep-Timestamp: <unix seconds>`` and ``X-Clawkeep-Signature: sha256=<hex>``.
Checks run in this order, and the first failure is the answer: secret configured,
headers well formed, timestamp within 5 minutes (either way), signature right (constant
time), signature not seen before. A signature is remembered only once it verified, so
forged requests cannot fill the replay cache.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
from collections.abc import Mapping
from pathlib import Path

from clawkeep.decision import Allow, Deny
from clawkeep.sqlitedb import open_db

__all__ = [
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "WINDOW_SECONDS",
    "ReplayCache",
    "sign",
    "verify_signed",
]

TIMESTAMP_HEADER = "x-clawkeep-timestamp"
SIGNATURE_HEADER = "x-clawkeep-signature"
WINDOW_SECONDS = 300
_SIG = re.compile(r"sha256=([0-9a-f]{64})")
_TS = re.compile(r"[0-9]{1,12}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS webhook_seen (signature TEXT PRIMARY KEY, expires REAL NOT NULL);
"""


def sign(secret: bytes, timestamp: int, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret, str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class ReplayCache:
    """Signatures seen in the last window; bounded, and full means refuse (fail closed).

    With ``path``, seen signatures are also kept in SQLite (0600, WAL) and reloaded on
    start, so a gateway restart inside the window does not reopen it to replays.
    """

    def __init__(self, max_entries: int = 100_000, *, path: Path | None = None) -> None:
        self._seen: dict[str, float] = {}
        self._max = max_entries
        self._lock = threading.Lock()
        self._db = open_db(path, synchronous="NORMAL", schema=_SCHEMA) if path else None
        if self._db is not None:
            rows = self._db.execute("SELECT signature, expires FROM webhook_seen").fetchall()
            self._seen = {sig: float(exp) for sig, exp in rows}

    def add(self, signature: str, now: float) -> bool:
        """Remember ``signature``; False when it was already seen or there is no room."""
        with self._lock:
            expiry = self._seen.get(signature)
            if expiry is not None and expiry > now:
                return False
            if len(self._seen) >= self._max:
                self._prune(now)
                if len(self._seen) >= self._max:
                    return False
            # Kept past the far edge of the window: a replay is stale after that anyway.
            self._seen[signature] = now + 2 * WINDOW_SECONDS
            if self._db is not None:
                self._db.execute(
                    "INSERT OR REPLACE INTO webhook_seen VALUES (?, ?)",
                    (signature, self._seen[signature]),
                )
            return True

    def _prune(self, now: float) -> None:
        self._seen = {s: t for s, t in self._seen.items() if t > now}
        if self._db is not None:
            self._db.execute("DELETE FROM webhook_seen WHERE expires <= ?", (now,))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def verify_signed(
    body: bytes,
    headers: Mapping[str, str],
    secret: bytes | None,
    now: float,
    replay: ReplayCache,
) -> Allow | Deny:
    """Whether ``body`` with ``headers`` is a fresh request signed with ``secret``."""
    if not secret:  # no secret configured: nothing can be verified, so nothing is accepted
        return Deny("channels.webhook.no_secret", "the account has no secret")
    ts_raw = headers.get(TIMESTAMP_HEADER, "")
    sig_raw = headers.get(SIGNATURE_HEADER, "")
    sig = _SIG.fullmatch(sig_raw.strip().lower())
    if not _TS.fullmatch(ts_raw.strip()) or sig is None:
        return Deny("channels.webhook.bad_headers", "timestamp or signature header malformed")
    ts = int(ts_raw)
    if abs(now - ts) > WINDOW_SECONDS:  # an old capture cannot be replayed later
        return Deny("channels.webhook.stale", "timestamp outside the 5-minute window")
    expected = sign(secret, ts, body)
    if not hmac.compare_digest(expected, "sha256=" + sig.group(1)):  # constant time
        return Deny("channels.webhook.bad_signature", "signature does not match")
    if not replay.add(sig.group(1), now):
        return Deny("channels.webhook.replay", "this signature was already used")
    return Allow("channels.webhook.verified")
