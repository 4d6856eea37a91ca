"""Ollama's native /api/chat: NDJSON streaming, tool calls with already-parsed arguments."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from clawkeep.agents.providers._accumulate import TurnBuilder
from clawkeep.agents.providers._http import HttpEngine
from clawkeep.agents.providers.openai import function_tool
from clawkeep.agents.providers.types import AssistantTurn, Message, ProviderError, ToolSpec

__all__ = ["OllamaProvider"]


def _message(msg: Message) -> dict[str, Any]:
    if msg.role == "tool":
        return {"role": "tool", "content": msg.content, "tool_name": msg.name or ""}
    out: dict[str, Any] = {"role": msg.role, "content": msg.content}
    if msg.tool_calls:
        out["tool_calls"] = [
            {"function": {"name": c.name, "arguments": dict(c.arguments)}} for c in msg.tool_calls
        ]
    return out


class OllamaProvider:
    """POST {baseUrl}/api/chat with ``stream: true`` (one JSON object a line)."""

    def __init__(
        self,
        engine: HttpEngine,
        base_url: str,
        model: str,
        api_key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._engine = engine
        self._url = base_url.rstrip("/") + "/api/chat"
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
            body["tools"] = [function_tool(t) for t in tools]  # the same schema as OpenAI's
        builder = TurnBuilder()
        calls = 0
        async with self._engine.post_lines(self._url, self._headers, body) as lines:
            async for line in lines:
                if not line.strip():
                    continue
                try:
                    chunk = json.loads(line)
                except ValueError as exc:
                    raise ProviderError("provider.bad_response", "a line was not JSON") from exc
                if not isinstance(chunk, dict):
                    continue
                if "error" in chunk:
                    raise ProviderError("provider.stream_error", str(chunk["error"])[:300])
                msg = chunk.get("message") or {}
                if msg.get("content"):
                    builder.text(str(msg["content"]))
                for call in msg.get("tool_calls") or ():
                    fn = call.get("function") or {}
                    args = fn.get("arguments")
                    builder.call(
                        calls,
                        call_id=call.get("id") or f"call_{calls}",
                        name=fn.get("name"),
                        args=args if isinstance(args, str) else None,
                        parsed=args if isinstance(args, dict) else None,
                    )
                    calls += 1
                if chunk.get("done"):
                    builder.stop_reason = str(chunk.get("done_reason") or "stop")
                    break
        return builder.build()
