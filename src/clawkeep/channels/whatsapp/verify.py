"""WhatsApp Cloud API webhook checks: the subscription handshake and the event signature.

Meta signs every event with the app secret: ``X-Hub-Signature-256: sha256=<hex>`` over
the raw body, checked here before one byte of it is parsed (fail closed: no secret, a
missing or malformed header, or a wrong signature is a refusal). The handshake (a GET
with ``hub.mode=subscribe``, ``hub.verify_token`` and ``hub.challenge``) is answered with
the challenge only when the verify token matches, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping

from clawkeep.decision import Allow, Deny

__all__ = ["SIGNATURE_HEADER", "sign", "verify_signature", "verify_subscription"]

SIGNATURE_HEADER = "x-hub-signature-256"
_SIG = re.compile(r"sha256=([0-9a-f]{64})")
_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{1,128}")


def sign(app_secret: bytes, body: bytes) -> str:
    """The header value Meta sends for ``body`` (used by tests and the doctor's self-check)."""
    return "sha256=" + hmac.new(app_secret, body, hashlib.sha256).hexdigest()


def verify_signature(
    body: bytes, headers: Mapping[str, str], app_secret: bytes | None
) -> Allow | Deny:
    """Whether ``body`` carries a valid signature made with ``app_secret``."""
    if not app_secret:  # nothing to verify against: nothing is accepted
        return Deny("channels.whatsapp.no_app_secret", "the account has no appSecret")
    got = _SIG.fullmatch(headers.get(SIGNATURE_HEADER, "").strip().lower())
    if got is None:
        return Deny(
            "channels.whatsapp.bad_signature_header", "X-Hub-Signature-256 missing or malformed"
        )
    if not hmac.compare_digest(sign(app_secret, body), "sha256=" + got.group(1)):  # constant time
        return Deny("channels.whatsapp.bad_signature", "signature does not match the body")
    return Allow("channels.whatsapp.verified")


def verify_subscription(params: Mapping[str, str], verify_token: bytes | None) -> str | Deny:
    """The challenge to echo for a valid subscription request, or a refusal."""
    if not verify_token:
        return Deny("channels.whatsapp.no_verify_token", "the account has no verifyToken")
    if params.get("hub.mode") != "subscribe":
        return Deny("channels.whatsapp.bad_subscription", "hub.mode is not subscribe")
    given = params.get("hub.verify_token", "").encode()
    if not hmac.compare_digest(given, verify_token):  # constant time
        return Deny("channels.whatsapp.bad_verify_token", "hub.verify_token does not match")
    challenge = params.get("hub.challenge", "")
    if not _CHALLENGE.fullmatch(challenge):  # echoed back: never reflect arbitrary text
        return Deny("channels.whatsapp.bad_subscription", "hub.challenge missing or malformed")
    return challenge
