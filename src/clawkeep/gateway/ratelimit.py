"""Failed-auth limiting per client IP: a window of failures, then a lockout.

Each failure also earns a delay that grows with the recent failures, so guessing a token is
slow long before the lockout. Successes clear the count. Memory is bounded: the table keeps
at most ``max_clients`` addresses and forgets the stalest first.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from clawkeep.decision import Allow, Decision, Deny
from clawkeep.gateway.settings import RateLimitSettings

__all__ = ["AuthRateLimiter"]


@dataclass(slots=True)
class _Client:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0


class AuthRateLimiter:
    """Counts failed authentications per client IP and locks out the persistent ones."""

    def __init__(
        self,
        settings: RateLimitSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._max_clients = max_clients
        self._clients: OrderedDict[str, _Client] = OrderedDict()

    def check(self, ip: str) -> Decision:
        """Deny while ``ip`` is locked out; the credential is then not even looked at."""
        client = self._clients.get(ip)
        if not self._settings.enabled or client is None:
            return Allow()
        left = client.locked_until - self._clock()
        if left > 0:
            detail = f"too many failed attempts; retry in {left:.0f}s"
            return Deny("gateway.auth.locked_out", detail)
        return Allow()

    def record_failure(self, ip: str) -> float:
        """Count one failure; returns the delay to wait before answering the refusal."""
        if not self._settings.enabled:
            return 0.0
        now = self._clock()
        client = self._client(ip)
        self._expire(client, now)
        client.failures.append(now)
        if len(client.failures) >= self._settings.max_attempts:
            client.locked_until = now + self._settings.lockout_s
            client.failures.clear()
        recent = max(len(client.failures), 1)
        return min(self._settings.delay_step_s * recent, self._settings.delay_max_s)

    def record_success(self, ip: str) -> None:
        """A good credential clears the failure count (not an active lockout)."""
        client = self._clients.get(ip)
        if client is not None and client.locked_until <= self._clock():
            del self._clients[ip]

    def _client(self, ip: str) -> _Client:
        client = self._clients.get(ip)
        if client is None:
            client = self._clients[ip] = _Client()
            while len(self._clients) > self._max_clients:
                self._clients.popitem(last=False)
        else:
            self._clients.move_to_end(ip)
        return client

    def _expire(self, client: _Client, now: float) -> None:
        horizon = now - self._settings.window_s
        while client.failures and client.failures[0] < horizon:
            client.failures.popleft()
