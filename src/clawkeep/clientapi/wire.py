"""What a chat-completions request means, and the OpenAI-shaped answers.

Only the last user message is taken from ``messages``: the conversation lives in the
gateway's session transcript, so a client cannot write the assistant's or the system's
part of it. ``tools`` from the client are refused (the agent's tools are the config's),
and every refusal is an OpenAI error object with a message saying what to change.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from clawkeep.channels.webchat import MAX_TEXT
from clawkeep.decision import Deny

__all__ = [
    "MODEL_PREFIX",
    "ChatRequest",
    "completion",
    "completion_chunk",
    "error_body",
    "model_id",
    "parse_chat_request",
]

MODEL_PREFIX = "clawkeep:"
MAX_SESSION = 128


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """A valid request: the model as the client named it, its agent, text and session."""

    model: str
    agent: str | None  # None: the default agent ("clawkeep")
    text: str
    stream: bool
    session: str | None


def model_id(agent_id: str) -> str:
    """The model name a client uses for ``agent_id``."""
    return f"{MODEL_PREFIX}{agent_id}"


def error_body(
    message: str, code: str, *, kind: str = "invalid_request_error", param: str | None = None
) -> dict[str, Any]:
    """An OpenAI error object."""
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def _text_of(content: Any) -> str | None:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: only text is understood
        texts = []
        for part in content:
            if not isinstance(part, Mapping) or part.get("type") != "text":
                return None
            value = part.get("text")
            if not isinstance(value, str):
                return None
            texts.append(value)
        return "\n".join(texts)
    return None


def _session_name(value: Any, where: str) -> str | Deny | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        return Deny("clientapi.bad_session", f"{where} must be a non-empty string")
    if len(value) > MAX_SESSION or not value.isprintable():
        # Names become part of a session key: bounded and printable only.
        return Deny(
            "clientapi.bad_session",
            f"{where} must be at most {MAX_SESSION} printable characters",
        )
    return value.strip()


def parse_chat_request(raw: bytes, session_header: str | None) -> ChatRequest | Deny:
    """The request in ``raw``, or a Deny whose detail tells the client what to fix."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return Deny("clientapi.bad_body", "the body is not valid JSON")
    if not isinstance(body, dict):
        return Deny("clientapi.bad_body", "the body must be a JSON object")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        return Deny("clientapi.bad_body", "model is required: use 'clawkeep:<agentId>'")
    if model == "clawkeep":
        agent: str | None = None
    elif model.startswith(MODEL_PREFIX) and len(model) > len(MODEL_PREFIX):
        agent = model[len(MODEL_PREFIX) :]
    else:
        return Deny(
            "clientapi.unknown_model",
            f"unknown model {model[:80]!r}: use 'clawkeep:<agentId>' (GET /v1/models lists them)",
        )
    if body.get("tools") or body.get("functions"):
        return Deny(
            "clientapi.tools_refused",
            "tools cannot be supplied: the agent's tools come from the gateway's config",
        )
    n = body.get("n", 1)
    if n not in (1, None):
        return Deny("clientapi.bad_body", "n must be 1")
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        return Deny("clientapi.bad_body", "stream must be true or false")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return Deny("clientapi.bad_body", "messages must be a non-empty list")
    last = messages[-1]
    if not isinstance(last, Mapping) or last.get("role") != "user":
        return Deny("clientapi.bad_body", "the last message must have role 'user'")
    text = _text_of(last.get("content"))
    if text is None or not text.strip():
        return Deny("clientapi.bad_body", "the last user message needs text content")
    if len(text) > MAX_TEXT:  # the same cap as every web chat message
        return Deny("clientapi.too_long", f"the message is longer than {MAX_TEXT} characters")
    header = _session_name(session_header, "the X-Clawkeep-Session header")
    if isinstance(header, Deny):
        return header
    user = _session_name(body.get("user"), "user")
    if isinstance(user, Deny):
        return user
    return ChatRequest(model, agent, text, stream, header if header is not None else user)


def _base(model: str, ident: str, kind: str) -> dict[str, Any]:
    return {"id": ident, "object": kind, "created": int(time.time()), "model": model}


def new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def completion(model: str, text: str, finish: str, extra: Mapping[str, Any]) -> dict[str, Any]:
    """A whole `chat.completion` answer."""
    out = _base(model, new_id(), "chat.completion")
    out["choices"] = [
        {
            "index": 0,
            "message": {"role": "assistant", "content": text},
            "finish_reason": finish,
            "logprobs": None,
        }
    ]
    out["clawkeep"] = dict(extra)
    return out


def completion_chunk(
    model: str,
    ident: str,
    delta: Mapping[str, Any],
    finish: str | None = None,
    extra: Sequence[tuple[str, Any]] = (),
) -> bytes:
    """One `chat.completion.chunk` as an SSE line."""
    out = _base(model, ident, "chat.completion.chunk")
    out["choices"] = [{"index": 0, "delta": dict(delta), "finish_reason": finish, "logprobs": None}]
    for key, value in extra:
        out[key] = value
    return f"data: {json.dumps(out, ensure_ascii=False)}\n\n".encode()
