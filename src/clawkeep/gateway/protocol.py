"""The WebSocket wire protocol: which frames exist and what each method takes.

Frames are JSON text, size-limited before parsing and validated with strict models; a frame
that fails gets an error frame with a stable code and the connection carries on.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = [
    "METHODS",
    "AuthFrame",
    "ChatHistoryParams",
    "ChatSendParams",
    "EmptyParams",
    "PairingApproveParams",
    "PairingListParams",
    "RequestFrame",
    "SubscribeParams",
    "error_frame",
    "first_error",
    "result_frame",
]

RequestId = str | int


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class AuthFrame(_Frame):
    """The first frame when the handshake carried no Authorization header."""

    type: Literal["auth"]
    token: str | None = Field(default=None, max_length=512)
    password: str | None = Field(default=None, max_length=512)


class RequestFrame(_Frame):
    """A request: ``id`` is echoed in the response."""

    type: Literal["req"]
    id: RequestId = Field(union_mode="left_to_right")
    method: str = Field(max_length=64)
    params: dict[str, Any] = {}


class EmptyParams(_Frame):
    pass


class ChatSendParams(_Frame):
    text: str = Field(min_length=1, max_length=16_000)


class ChatHistoryParams(_Frame):
    limit: int = Field(default=50, ge=1, le=500)


class PairingListParams(_Frame):
    channel: str | None = Field(default=None, max_length=64)


class PairingApproveParams(_Frame):
    channel: str = Field(min_length=1, max_length=64)
    code: str = Field(min_length=1, max_length=64)


class PairingRevokeParams(_Frame):
    channel: str = Field(min_length=1, max_length=64)
    sender: str = Field(min_length=1, max_length=256)


class SubscribeParams(_Frame):
    kinds: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=32
    )


METHODS: dict[str, type[_Frame]] = {
    "status": EmptyParams,
    "chat.send": ChatSendParams,
    "chat.history": ChatHistoryParams,
    "pairing.list": PairingListParams,
    "pairing.approve": PairingApproveParams,
    "pairing.revoke": PairingRevokeParams,
    "audit.run": EmptyParams,
    "events.subscribe": SubscribeParams,
    "events.unsubscribe": EmptyParams,
}


def first_error(exc: ValidationError) -> str:
    """One sentence about the first problem, without echoing the input (it may be a secret)."""
    err = exc.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"]) or "frame"
    return f"{where}: {err['msg']}"


def error_frame(request_id: RequestId | None, code: str, message: str) -> dict[str, Any]:
    error = {"code": code, "message": message}
    return {"type": "res", "id": request_id, "ok": False, "error": error}


def result_frame(request_id: RequestId, result: Any) -> dict[str, Any]:
    return {"type": "res", "id": request_id, "ok": True, "result": result}
