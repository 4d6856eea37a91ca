"""OpenAI-compatible chat completions (OpenAI, OpenRouter, vLLM, llama.cpp, Ollama /v1).

Streams with SSE; tool calls arrive as fragments keyed by ``index`` and are assembled.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from clawkeep.agents.providers._accumulate import PendingCap, TurnBuilder
from clawkeep.agents.providers._http import HttpEngine
from clawkeep.agents.providers._sse import sse_events
from clawkeep.agents.providers.types import AssistantTurn, Message, ProviderError, ToolSpec

__all__ = ["OpenAIChatProvider", "function_tool"]


def _message(msg: Message) -> dict[str, Any]:
    if msg.role == "tool":
        return {"role": "tool", "tool_call_id": msg.tool_call_id or "", "content": msg.content}
    out: dict[str, Any] = {"role": msg.role, "content": msg.content}
    if msg.tool_calls:
        out["tool_calls"] = [
            {
                "id": c.id,
                "type": "function",
                "function": {"name": c.name, "arguments": json.dumps(dict(c.arguments))},
            }
            for c in msg.tool_calls
        ]
    return out


def function_tool(spec: ToolSpec) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": spec.name,
            "description": spec.description,
            "parameters": dict(spec.parameters),
        },
    }


def _apply_chunk(builder: TurnBuilder, chunk: Mapping[str, Any]) -> None:
    if "error" in chunk:
        raise ProviderError("provider.stream_error", str(chunk["error"])[:300])
    for choice in chunk.get("choices") or ():
        delta = choice.get("delta") or choice.get("message") or {}
        if delta.get("content"):
            builder.text(str(delta["content"]))
        for i, frag in enumerate(delta.get("tool_calls") or ()):
            fn = frag.get("function") or {}
            args = fn.get("arguments")
            builder.call(
                int(frag.get("index", i)),
                call_id=frag.get("id"),
                name=fn.get("name"),
                args=args if isinstance(args, str) else None,
                parsed=args if isinstance(args, dict) else None,
            )
        if choice.get("finish_reason"):
            builder.stop_reason = str(choice["finish_reason"])


class OpenAIChatProvider:
    """POST {baseUrl}/chat/completions with ``stream: true``."""

    def __init__(
        self,
        engine: HttpEngine,
        base_url: str,
        model: str,
        api_key: str | None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._engine = engine
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._model = model
        self._headers = {"content-type": "application/json", **(headers or {})}
        if api_key:
            self._headers["authorization"] = f"Bearer {api_key}"

    async def aclose(self) -> None:
        await self._engine.aclose()

    async def complete(
        self, system: str, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> AssistantTurn:
        body: dict[str, Any] = {
            "model": self._model,
            "stream": True,
            "messages": [{"role": "system", "content": system}, *map(_message, messages)],
        }
        if tools:
            body["tools"] = [function_tool(t) for t in tools]
        builder = TurnBuilder()
        async with self._engine.post_lines(self._url, self._headers, body) as lines:
            plain: list[str] = []
            async for _event, data in sse_events(_split_plain(lines, plain)):
                if data.strip() == "[DONE]":
                    break
                _apply_chunk(builder, _load(data))
            if plain:  # the server ignored stream: true and sent one JSON body
                _apply_chunk(builder, _load("\n".join(plain)))
        return builder.build()


async def _split_plain(lines: AsyncIterator[str], plain: list[str]) -> AsyncIterator[str]:
    held = PendingCap()  # an unstreamed body is held whole: capped as it arrives
    async for line in lines:
        if plain or (line.startswith("{") and not line.startswith("data:")):
            held.add(line)
            plain.append(line)
            continue
        yield line


def _load(data: str) -> Mapping[str, Any]:
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise ProviderError("provider.bad_response", "a stream chunk was not JSON") from exc
    if not isinstance(value, dict):
        raise ProviderError("provider.bad_response", "a stream chunk was not an object")
    return value
