"""Failed-auth limiting: per client IP, and a global budget for all clients together.

Per client: a window of failures, then a lockout; each failure also earns a delay that
grows with the recent failures. Globally: at most ``global_max_failures`` wrong credentials
are compared per window, whoever sends them, so rotating source addresses (all of
127.0.0.0/8, a botnet) buys no more guesses than one address. Lockouts live in their own
table that new clients never evict; it stays small because lockouts can only be earned
through the global budget. Successes clear a client's count (not an active lockout).
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


class AuthRateLimiter:
    """Counts failed authentications per client IP and in total; locks out the persistent."""

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
        self._locked: dict[str, float] = {}  # ip -> locked until; never evicted early
        self._global: deque[float] = deque()  # every recent failure, all clients

    @property
    def failures_in_window(self) -> int:
        """Wrong credentials compared in the current window (all clients)."""
        self._expire(self._global, self._clock())
        return len(self._global)

    def check(self, ip: str) -> Decision:
        """Deny while ``ip`` is locked out or the global budget is spent; the credential is
        then not even looked at."""
        if not self._settings.enabled:
            return Allow()
        now = self._clock()
        left = self._locked.get(ip, 0.0) - now
        if left > 0:
            detail = f"too many failed attempts; retry in {left:.0f}s"
            return Deny("gateway.auth.locked_out", detail)
        self._expire(self._global, now)
        if len(self._global) >= self._settings.global_max_failures:
            # Many sources failing at once: nobody's guess is compared until the window moves.
            retry = self._global[0] + self._settings.window_s - now
            detail = f"too many failed attempts from many clients; retry in {retry:.0f}s"
            return Deny("gateway.auth.busy", detail)
        return Allow()

    def record_failure(self, ip: str) -> float:
        """Count one failure; returns the delay to wait before answering the refusal."""
        if not self._settings.enabled:
            return 0.0
        now = self._clock()
        self._global.append(now)
        client = self._client(ip)
        self._expire(client.failures, now)
        client.failures.append(now)
        if len(client.failures) >= self._settings.max_attempts:
            self._lock(ip, now)
            client.failures.clear()
        recent = max(len(client.failures), 1)
        return min(self._settings.delay_step_s * recent, self._settings.delay_max_s)

    def record_success(self, ip: str) -> None:
        """A good credential clears the failure count (not an active lockout)."""
        if self._locked.get(ip, 0.0) <= self._clock():
            self._locked.pop(ip, None)
            self._clients.pop(ip, None)

    def _lock(self, ip: str, now: float) -> None:
        if len(self._locked) >= self._max_clients:
            for stale in [k for k, until in self._locked.items() if until <= now]:
                del self._locked[stale]
        self._locked[ip] = now + self._settings.lockout_s

    def _client(self, ip: str) -> _Client:
        client = self._clients.get(ip)
        if client is None:
            client = self._clients[ip] = _Client()
            while len(self._clients) > self._max_clients:
                # Only partial failure counts are forgotten here, never a lockout.
                self._clients.popitem(last=False)
        else:
            self._clients.move_to_end(ip)
        return client

    def _expire(self, failures: deque[float], now: float) -> None:
        horizon = now - self._settings.window_s
        while failures and failures[0] < horizon:
            failures.popleft()
