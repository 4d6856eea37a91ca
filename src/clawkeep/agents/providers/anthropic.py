"""Anthropic Messages: tool_use / tool_result blocks, streamed as typed SSE events."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from clawkeep.agents.providers._accumulate import TurnBuilder
from clawkeep.agents.providers._http import HttpEngine
from clawkeep.agents.providers._sse import sse_events
from clawkeep.agents.providers.types import AssistantTurn, Message, ProviderError, ToolSpec

__all__ = ["AnthropicProvider"]

_VERSION = "2023-06-01"


def _blocks(msg: Message) -> tuple[str, list[dict[str, Any]]]:
    if msg.role == "tool":
        block = {
            "type": "tool_result",
            "tool_use_id": msg.tool_call_id or "",
            "content": msg.content,
        }
        return "user", [block]
    blocks: list[dict[str, Any]] = []
    if msg.content:
        blocks.append({"type": "text", "text": msg.content})
    for call in msg.tool_calls:
        blocks.append(
            {"type": "tool_use", "id": call.id, "name": call.name, "input": dict(call.arguments)}
        )
    return msg.role, blocks or [{"type": "text", "text": ""}]


def _messages(messages: Sequence[Message]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for msg in messages:
        role, blocks = _blocks(msg)
        if out and out[-1]["role"] == role:  # the API wants user and assistant to alternate
            out[-1]["content"].extend(blocks)
        else:
            out.append({"role": role, "content": blocks})
    return out


def _apply(builder: TurnBuilder, event: str, data: Mapping[str, Any]) -> None:
    kind = data.get("type", event)
    if kind == "error":
        err = data.get("error") or {}
        code = (
            "provider.overloaded"
            if err.get("type") == "overloaded_error"
            else "provider.stream_error"
        )
        raise ProviderError(code, str(err.get("message", err))[:300])
    index = int(data.get("index", 0))
    if kind == "content_block_start":
        block = data.get("content_block") or {}
        if block.get("type") == "tool_use":
            builder.call(index, call_id=block.get("id"), name=block.get("name"))
        elif block.get("text"):
            builder.text(str(block["text"]))
    elif kind == "content_block_delta":
        delta = data.get("delta") or {}
        if delta.get("type") == "text_delta":
            builder.text(str(delta.get("text", "")))
        elif delta.get("type") == "input_json_delta":
            builder.call(index, args=str(delta.get("partial_json", "")))
    elif kind == "message_delta":
        stop = (data.get("delta") or {}).get("stop_reason")
        if stop:
            builder.stop_reason = str(stop)


class AnthropicProvider:
    """POST {baseUrl}/v1/messages with ``stream: true``."""

    def __init__(
        self,
        engine: HttpEngine,
        base_url: str,
        model: str,
        api_key: str | None,
        *,
        max_tokens: int = 4096,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._engine = engine
        base = base_url.rstrip("/")
        self._url = base + ("/messages" if base.endswith("/v1") else "/v1/messages")
        self._model = model
        self._max_tokens = max_tokens
        self._headers = {
            "content-type": "application/json",
            "anthropic-version": _VERSION,
            **(headers or {}),
        }
        if api_key:
            self._headers["x-api-key"] = api_key

    async def aclose(self) -> None:
        await self._engine.aclose()

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn:
        body: dict[str, Any] = {
            "model": self._model,
            "max_tokens": self._max_tokens,
            "system": system,
            "messages": _messages(messages),
            "stream": True,
        }
        if tools:
            body["tools"] = [
                {"name": t.name, "description": t.description, "input_schema": dict(t.parameters)}
                for t in tools
            ]
        builder = TurnBuilder()
        async with self._engine.post_lines(self._url, self._headers, body) as lines:
            async for event, data in sse_events(lines):
                try:
                    value = json.loads(data)
                except ValueError as exc:
                    raise ProviderError("provider.bad_response", "an event was not JSON") from exc
                if isinstance(value, dict):
                    _apply(builder, event, value)
                if event == "message_stop":
                    break
        return builder.build()
