"""Whether a credential opens the gateway: constant-time compare behind the rate limiter.

Credentials come only from an `Authorization: Bearer` header or the WebSocket's first
frame. A credential in a URL query string is refused outright: URLs end up in logs, shell
history and Referer headers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from clawkeep.decision import Allow, Decision, Deny
from clawkeep.gateway.ratelimit import AuthRateLimiter
from clawkeep.gateway.settings import ResolvedAuth
from clawkeep.gateway.tokens import constant_time_equal

__all__ = ["AuthVerdict", "Authenticator", "bearer_credential", "query_has_credential"]

_CREDENTIAL_PARAMS = frozenset(
    {
        "token",
        "access_token",
        "auth",
        "auth_token",
        "authorization",
        "password",
        "pass",
        "pwd",
        "key",
        "api_key",
        "apikey",
        "secret",
        "gateway_token",
        "bearer",
    }
)


@dataclass(frozen=True, slots=True)
class AuthVerdict:
    """The decision, and how long to wait before answering a refusal."""

    decision: Decision
    delay_s: float = 0.0


def bearer_credential(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    """The credential of an `Authorization: Bearer ...` header, or None."""
    for name, value in headers:
        if name.lower() == b"authorization":
            scheme, _, rest = value.decode("latin-1").strip().partition(" ")
            if scheme.lower() == "bearer" and rest.strip():
                return rest.strip()
            return None
    return None


def query_has_credential(query_string: bytes) -> bool:
    """True when the URL's query names a credential parameter (whatever its value)."""
    if not query_string:
        return False
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return any(name.strip().lower().replace("-", "_") in _CREDENTIAL_PARAMS for name, _ in pairs)


# The limiter's key for guesses made through the owner path: not an address, so no
# client's address can share its count.
_OWNER_PATH = "owner-path"


class Authenticator:
    """Checks one credential for one client IP against the gateway's auth mode."""

    def __init__(self, auth: ResolvedAuth, limiter: AuthRateLimiter) -> None:
        self._auth = auth
        self._limiter = limiter

    @property
    def required(self) -> bool:
        return self._auth.mode != "none"

    def verify(
        self,
        client: str,
        credential: str | None,
        owner_peer: Callable[[], bool] | None = None,
    ) -> AuthVerdict:
        """Allow, or Deny with `gateway.auth.{locked_out,busy,missing,failed}` and a delay.

        ``owner_peer`` says whether the connection comes from a process of the gateway's
        own user on this machine (asked only while the limiter refuses): such a process
        can read the token file anyway, so the owner's CLI gets in during an attack.
        """
        if not self.required:
            return AuthVerdict(Allow("gateway.auth.none"))
        locked = self._limiter.check(client)
        if not locked.allowed:
            if owner_peer is not None and owner_peer():
                return self._owner_verdict(credential, locked)
            # A locked-out client's guesses are not even compared.
            return AuthVerdict(locked)
        if credential is None:
            return AuthVerdict(Deny("gateway.auth.missing", "a credential is required"))
        secret = self._auth.secret or ""
        if secret and constant_time_equal(credential, secret):
            self._limiter.record_success(client)
            return AuthVerdict(Allow("gateway.auth.ok"))
        delay = self._limiter.record_failure(client)
        after = self._limiter.check(client)
        if after.reason == "gateway.auth.locked_out":  # this failure locked the client
            return AuthVerdict(after, delay)
        return AuthVerdict(Deny("gateway.auth.failed", "wrong credential"), delay)

    def _owner_verdict(self, credential: str | None, locked: Decision) -> AuthVerdict:
        # The owner path has its own failure budget: whatever passes as the owner (a
        # same-user proxy forwarding strangers) must not get unlimited, undelayed guesses.
        if self._limiter.check(_OWNER_PATH).reason == "gateway.auth.locked_out":
            return AuthVerdict(locked)
        secret = self._auth.secret or ""
        if credential is not None and secret and constant_time_equal(credential, secret):
            # The owner's own process: strangers' lockouts do not keep it out.
            return AuthVerdict(Allow("gateway.auth.ok_local_owner"))
        return AuthVerdict(locked, self._limiter.record_failure(_OWNER_PATH))
