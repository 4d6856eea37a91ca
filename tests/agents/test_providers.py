"""The real adapters against loopback fakes of each wire protocol: streamed text and tool
calls, keys in the right header, clear error codes, bounded retries, key files."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import overload

import pytest

from clawkeep.agents.providers import (
    AnthropicProvider,
    Message,
    OllamaProvider,
    OpenAIChatProvider,
    ProviderError,
    ToolSpec,
    build_provider,
)
from clawkeep.agents.providers._accumulate import MAX_PENDING_BYTES
from clawkeep.agents.providers._http import HttpEngine, bounded_lines
from clawkeep.config.schema.agents import AgentModelConfig
from clawkeep.config.schema.models import ModelsConfig
from tests.agents.agent_harness import SEED_DENY, build
from tests.agents.provider_fakes import (
    FakeReply,
    anthropic_stream,
    fake_server,
    ollama_stream,
    openai_stream,
)

TOOLS = [
    ToolSpec(
        "exec", "Run a command.", {"type": "object", "properties": {"command": {"type": "string"}}}
    )
]
HISTORY = [Message("user", "hi")]


async def _no_sleep(_: float) -> None:
    return None


def _engine(retries: int = 0) -> HttpEngine:
    return HttpEngine(5.0, retries, sleep=_no_sleep)


def test_openai_streamed_tool_call_is_assembled_from_fragments() -> None:
    with fake_server([openai_stream("Let me", [("call_9", "exec", {"command": "ls -la"})])]) as srv:
        provider = OpenAIChatProvider(_engine(), srv.url + "/v1", "gpt-x", "sk-test")
        turn = asyncio.run(provider.complete("be good", HISTORY, TOOLS))
    assert turn.text == "Let me"
    assert [(c.id, c.name, dict(c.arguments)) for c in turn.tool_calls] == [
        ("call_9", "exec", {"command": "ls -la"})
    ]
    path, headers, body = srv.requests[0]
    assert path == "/v1/chat/completions"
    assert headers["authorization"] == "Bearer sk-test"
    assert body["stream"] is True and body["model"] == "gpt-x"
    assert body["messages"][0] == {"role": "system", "content": "be good"}
    assert body["tools"][0]["function"]["name"] == "exec"


def test_anthropic_streamed_tool_use_is_assembled_from_partial_json() -> None:
    with fake_server([anthropic_stream("ok", [("toolu_1", "read", {"path": "a.txt"})])]) as srv:
        provider = AnthropicProvider(_engine(), srv.url, "claude-x", "sk-ant")
        history = [
            *HISTORY,
            Message("assistant", "", (), None),
            Message("tool", "r", tool_call_id="t0"),
        ]
        turn = asyncio.run(provider.complete("sys", history, TOOLS))
    assert turn.text == "ok" and turn.stop_reason == "tool_use"
    assert [(c.id, c.name, dict(c.arguments)) for c in turn.tool_calls] == [
        ("toolu_1", "read", {"path": "a.txt"})
    ]
    path, headers, body = srv.requests[0]
    assert path == "/v1/messages" and headers["x-api-key"] == "sk-ant"
    assert headers["anthropic-version"] == "2023-06-01"
    assert body["system"] == "sys" and body["tools"][0]["input_schema"]["type"] == "object"
    assert body["messages"][-1]["content"][0]["type"] == "tool_result"


def test_ollama_ndjson_stream_with_tool_calls() -> None:
    with fake_server([ollama_stream("hello", [("exec", {"command": "id"})])]) as srv:
        provider = OllamaProvider(_engine(), srv.url, "llama3")
        turn = asyncio.run(provider.complete("sys", HISTORY, TOOLS))
    assert turn.text == "hello"
    assert [(c.name, dict(c.arguments)) for c in turn.tool_calls] == [("exec", {"command": "id"})]
    path, _, body = srv.requests[0]
    assert path == "/api/chat" and body["messages"][0]["role"] == "system"


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (401, "provider.bad_key"),
        (403, "provider.bad_key"),
        (404, "provider.model_missing"),
        (400, "provider.bad_request"),
    ],
)
def test_http_errors_become_clear_codes_without_retrying(status: int, code: str) -> None:
    err = FakeReply(
        status, "application/json", [json.dumps({"error": {"message": "nope"}}).encode()]
    )
    with fake_server([err, openai_stream("should not be reached")]) as srv:
        provider = OpenAIChatProvider(_engine(retries=3), srv.url, "m", "k")
        with pytest.raises(ProviderError) as info:
            asyncio.run(provider.complete("s", HISTORY, []))
    assert info.value.code == code and "nope" in info.value.message
    assert len(srv.requests) == 1


def test_rate_limit_is_retried_then_succeeds() -> None:
    limited = FakeReply(429, "application/json", [b'{"error": "slow down"}'], {"retry-after": "0"})
    with fake_server([limited, openai_stream("made it")]) as srv:
        provider = OpenAIChatProvider(_engine(retries=2), srv.url, "m", None)
        turn = asyncio.run(provider.complete("s", HISTORY, []))
    assert turn.text == "made it" and len(srv.requests) == 2


def test_rate_limit_retries_are_bounded() -> None:
    limited = FakeReply(429, "application/json", [b'{"error": "slow down"}'])
    with fake_server([limited] * 5) as srv:
        provider = OpenAIChatProvider(_engine(retries=1), srv.url, "m", None)
        with pytest.raises(ProviderError) as info:
            asyncio.run(provider.complete("s", HISTORY, []))
    assert info.value.code == "provider.rate_limited" and len(srv.requests) == 2


def test_unreachable_provider_is_a_clear_error() -> None:
    with fake_server([]) as srv:
        url = srv.url
    provider = OpenAIChatProvider(_engine(retries=1), url, "m", None)
    with pytest.raises(ProviderError) as info:
        asyncio.run(provider.complete("s", HISTORY, []))
    assert info.value.code == "provider.unreachable"


def test_key_from_private_auth_profiles_is_sent(tmp_path: Path) -> None:
    profiles = tmp_path / "auth-profiles.json"
    profiles.write_text(
        json.dumps(
            {
                "profiles": {
                    "acme:default": {"type": "api_key", "provider": "acme", "key": "sk-prof"}
                }
            }
        )
    )
    profiles.chmod(0o600)
    with fake_server([openai_stream("hi")]) as srv:
        models = ModelsConfig.model_validate(
            {"providers": {"acme": {"baseUrl": srv.url, "maxRetries": 0}}}
        )
        provider = build_provider("acme/m1", models, auth_profiles=profiles)
        asyncio.run(provider.complete("s", HISTORY, []))
    assert srv.requests[0][1]["authorization"] == "Bearer sk-prof"


def test_world_readable_auth_profiles_are_refused(tmp_path: Path) -> None:
    profiles = tmp_path / "auth-profiles.json"
    profiles.write_text(
        json.dumps({"profiles": {"acme:default": {"provider": "acme", "key": "sk-prof"}}})
    )
    profiles.chmod(0o644)
    models = ModelsConfig.model_validate({"providers": {"acme": {"baseUrl": "http://127.0.0.1:9"}}})
    with pytest.raises(ProviderError) as info:
        build_provider("acme/m1", models, auth_profiles=profiles)
    assert info.value.code == "provider.key_file_insecure"


def test_fallback_model_answers_when_primary_fails() -> None:
    with (
        fake_server([FakeReply(404, "application/json", [b"{}"])]) as bad,
        fake_server([openai_stream("from fallback")]) as good,
    ):
        models = ModelsConfig.model_validate(
            {
                "providers": {
                    "bad": {"baseUrl": bad.url, "maxRetries": 0},
                    "good": {"baseUrl": good.url, "maxRetries": 0},
                }
            }
        )
        ref = AgentModelConfig(primary="bad/m", fallbacks=("good/m",))
        provider = build_provider(ref, models)
        assert asyncio.run(provider.complete("s", HISTORY, [])).text == "from fallback"


@pytest.mark.parametrize("api", ["openai-completions", "anthropic-messages", "ollama"])
def test_real_adapter_driving_attacker_exec_under_seed_deny_list(tmp_path: Path, api: str) -> None:
    marker = tmp_path / "pwned"
    args = {"command": f"touch {marker}"}
    if api == "ollama":
        replies = [ollama_stream("", [("exec", args)]), ollama_stream("all done")]
    else:
        stream = openai_stream if api == "openai-completions" else anthropic_stream
        replies = [stream("", [("c1", "exec", args)]), stream("all done")]
    with fake_server(replies) as srv:
        models = ModelsConfig.model_validate(
            {"providers": {"fake": {"api": api, "baseUrl": srv.url, "maxRetries": 0}}}
        )
        cfg = {
            "agents": {
                "list": [
                    {
                        "id": "main",
                        "model": "fake/m",
                        "sandbox": {"mode": "off"},
                        "tools": {"deny": SEED_DENY},
                    }
                ]
            },
            "tools": {
                "exec": {"security": "full"},
                "elevated": {"enabled": True, "allowFrom": {"webchat": ["*"]}},
            },
        }
        h = build(tmp_path, cfg, models=models)
        reply = asyncio.run(h.turn("run it"))
    assert reply == "all done"
    assert not marker.exists()
    assert h.reasons("tool.denied") == ["policy.denied"]
    offered = [t.get("name") or t["function"]["name"] for t in srv.requests[0][2]["tools"]]
    assert "exec" not in offered and "read" in offered
    second = json.dumps(srv.requests[1][2]["messages"])
    assert "policy.denied" in second  # the refusal went back to the model as the tool result


class _Repeat(Sequence[bytes]):
    """``count`` copies of one chunk, made on demand (a huge reply without its memory)."""

    def __init__(self, head: bytes, chunk: bytes, count: int, tail: bytes) -> None:
        self.parts = (head, chunk, tail)
        self.copies = count

    def __len__(self) -> int:
        return self.copies + 2

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | Sequence[bytes]:
        if isinstance(index, slice):
            raise TypeError("not sliceable")
        if not 0 <= index < len(self):
            raise IndexError(index)
        head, chunk, tail = self.parts
        return head if index == 0 else tail if index == len(self) - 1 else chunk


HUGE_BYTES = 64 * 1024 * 1024  # well past the caps; a client that buffers takes it all
CHUNK = b"A" * (256 * 1024)


def _huge(api: str) -> FakeReply:
    """One model reply of HUGE_BYTES on a single line (no newline until the very end)."""
    count = HUGE_BYTES // len(CHUNK)
    if api == "ollama":
        head = b'{"model":"m","message":{"role":"assistant","content":"'
        tail = b'"},"done":true}\n'
        return FakeReply(
            content_type="application/x-ndjson", chunks=_Repeat(head, CHUNK, count, tail)
        )
    if api == "anthropic-messages":
        head = (
            b'event: content_block_start\ndata: {"type":"content_block_start","index":0,'
            b'"content_block":{"type":"text","text":""}}\n\n'
            b'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,'
            b'"delta":{"type":"text_delta","text":"'
        )
        return FakeReply(chunks=_Repeat(head, CHUNK, count, b'"}}\n\n'))
    head = b'data: {"choices":[{"index":0,"delta":{"content":"'
    return FakeReply(chunks=_Repeat(head, CHUNK, count, b'"}}]}\n\ndata: [DONE]\n\n'))


@pytest.mark.parametrize("api", ["openai-completions", "anthropic-messages", "ollama"])
def test_huge_single_line_reply_is_cut_at_the_cap_as_it_arrives(tmp_path: Path, api: str) -> None:
    with fake_server([_huge(api)]) as srv:
        models = ModelsConfig.model_validate(
            {"providers": {"fake": {"api": api, "baseUrl": srv.url, "maxRetries": 0}}}
        )
        cfg = {"agents": {"list": [{"id": "main", "model": "fake/m"}]}}
        h = build(tmp_path, cfg, models=models)
        reply = asyncio.run(h.turn("say something long"))
    assert reply is not None and "provider.output_too_large" in reply
    assert h.reasons("agent.turn") == ["provider.output_too_large"]
    # The client hung up once the line passed the cap: it never took the whole reply in.
    assert srv.sent < MAX_PENDING_BYTES + 16 * 1024 * 1024 < HUGE_BYTES


def test_many_data_lines_without_an_event_end_are_capped() -> None:
    # A stream of `data:` lines that never ends its event: held lines are capped too.
    line = b"data: " + b"x" * (64 * 1024) + b"\n"
    reply = FakeReply(chunks=_Repeat(b"", line, HUGE_BYTES // len(line), b"\n"))
    with fake_server([reply]) as srv:
        provider = OpenAIChatProvider(_engine(), srv.url + "/v1", "gpt-x", "sk-test")
        with pytest.raises(ProviderError) as caught:
            asyncio.run(provider.complete("s", HISTORY, []))
    assert caught.value.code == "provider.output_too_large"
    assert srv.sent < MAX_PENDING_BYTES + 16 * 1024 * 1024 < HUGE_BYTES


def test_lines_split_across_chunks_and_crlf_are_read_whole() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for piece in (b'data: {"a"', b":1}\r", b"\n\r\n", b"data: ", b"\xc3", b"\xa9\nlast"):
            yield piece

    async def collect() -> list[str]:
        return [line async for line in bounded_lines(chunks())]

    assert asyncio.run(collect()) == ['data: {"a":1}', "", "data: \u00e9", "last"]
