"""What each Control UI page shows: plain JSON over what the stages already decided.

No decision is made here. Pairing approval is the access stage's (the code the sender
was given is still required), transcripts are the sessions stage's, findings and fixes
the audit's, held calls the approval store's. Secrets are masked in the config view by
type (SecretStr), by key name and by value (the gateway secret wherever it appears).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from clawkeep.config import LoadedConfig
from clawkeep.contracts import InboundHandler
from clawkeep.events.log import EventLog
from clawkeep.events.secret_values import config_secrets
from clawkeep.gateway.services import PairingService

__all__ = [
    "ApprovalsAdmin",
    "ControlUiDeps",
    "PairingAdmin",
    "TranscriptAdmin",
    "activity",
    "masked_config",
]

MASK = "•••••• (set)"
# Any string under a key that names a secret is masked (over-masking is the safe error).
_SECRET_KEY = re.compile(
    r"(token|secret|password|passwd|passphrase|key|credential|private|cookie|signature)", re.I
)


class _Approved(Protocol):
    @property
    def channel(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def sender(self) -> str: ...
    @property
    def approved_at(self) -> float: ...


class PairingAdmin(PairingService, Protocol):
    """The gateway's pairing service plus the approved list (``PairingStore`` fits)."""

    def approved(self, channel: str | None = None) -> Sequence[_Approved]: ...


class _Turn(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def ts(self) -> float: ...
    @property
    def meta(self) -> Mapping[str, Any]: ...


class TranscriptAdmin(Protocol):
    """The sessions stage's transcript store."""

    def sessions(self) -> dict[str, int]: ...
    def history(self, session_key: str, limit: int = 50) -> Sequence[_Turn]: ...
    def delete(self, session_key: str) -> int: ...


class _Held(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def agent(self) -> str: ...
    @property
    def session_key(self) -> str: ...
    @property
    def tool(self) -> str: ...
    @property
    def args(self) -> Mapping[str, Any]: ...
    @property
    def reason(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def created_at(self) -> float: ...
    @property
    def expires_at(self) -> float: ...


class _Decided(Protocol):
    @property
    def approved(self) -> bool: ...
    @property
    def reason(self) -> str: ...


class ApprovalsAdmin(Protocol):
    """The approval store of held calls (``clawkeep.approvals.ApprovalStore`` fits)."""

    def pending(self, session_key: str | None = None) -> Sequence[_Held]: ...
    def approve(self, code: str, by: str) -> _Decided: ...
    def deny(self, code: str, by: str) -> _Decided: ...


class _Jsonable(Protocol):
    def to_json(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ControlUiDeps:
    """What the Control UI is a view over (built by the composition root)."""

    loaded: LoadedConfig
    handler: InboundHandler
    events: EventLog
    pairing: PairingAdmin
    transcripts: TranscriptAdmin
    agents: tuple[str, ...]
    default_agent: str
    audit: Callable[[], Sequence[_Jsonable]] | None = None
    fix: Callable[[], Sequence[_Jsonable]] | None = None
    approvals: ApprovalsAdmin | None = None


def approved_json(a: _Approved) -> dict[str, Any]:
    return {
        "channel": a.channel,
        "account": a.account,
        "sender": a.sender,
        "approvedAt": a.approved_at,
    }


def held_json(h: _Held) -> dict[str, Any]:
    return {
        "code": h.code,
        "kind": h.kind,
        "agent": h.agent,
        "sessionKey": h.session_key,
        "tool": h.tool,
        "args": dict(h.args),
        "reason": h.reason,
        "detail": h.detail,
        "createdAt": h.created_at,
        "expiresAt": h.expires_at,
    }


def activity(
    events: EventLog,
    *,
    channel: str | None = None,
    agent: str | None = None,
    reason: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """The newest events first, as the event log redacted them, filtered exactly."""
    out: list[dict[str, Any]] = []
    for event in reversed(list(events.recent)):
        fields = event.fields
        if channel and fields.get("channel") != channel:
            continue
        if agent and fields.get("agent") != agent:
            continue
        if reason and event.reason != reason and not event.reason.startswith(reason + "."):
            continue
        out.append({"ts": event.ts, "kind": event.kind, "reason": event.reason, **fields})
        if len(out) >= limit:
            break
    return out


def _mask(value: Any, secrets_: Sequence[str], key: str = "") -> Any:
    if isinstance(value, Mapping):
        return {k: _mask(v, secrets_, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(v, secrets_, key) for v in value]
    if isinstance(value, str):
        if value and _SECRET_KEY.search(key):
            return MASK
        for secret in secrets_:  # longest first: a secret inside a plain value (a URL)
            value = value.replace(secret, MASK)
        return value
    return value


def masked_config(loaded: LoadedConfig, secrets_: Sequence[str]) -> dict[str, Any]:
    """The loaded config with every secret masked, and the file it came from.

    Besides ``secrets_`` (the gateway's own), every secret the config holds is masked by
    value, as the logs mask it: the value of a secret-named ``${VAR}`` put in a plain key
    (a key in a ``baseUrl`` query) too.
    """
    raw = loaded.config.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    known = {*secrets_, *config_secrets(loaded.config, loaded.env_secrets)}
    ordered = sorted((s for s in known if len(s) >= 6), key=len, reverse=True)
    return {"path": str(loaded.paths.config_path), "config": _mask(raw, ordered)}
