"""The whole inbound pipeline with the agent runtime as its Responder: the reply comes from
a scripted provider (dry run) or the real OpenAI adapter against a loopback fake."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from clawkeep.compose import build_install
from clawkeep.config import load_config, resolve_paths
from clawkeep.config.schema.models import ModelsConfig
from clawkeep.contracts import InboundMessage
from tests.agents.provider_fakes import fake_server, openai_stream
from tests.conftest import make_install


def _owner_message(text: str) -> InboundMessage:
    return InboundMessage("webchat", "default", "owner", "direct", text, "r1", is_owner=True)


def _install(tmp_path: Path, model: str) -> Path:
    cfg = {"agents": {"defaults": {"model": model}, "list": [{"id": "main"}]}}
    loaded = make_install(tmp_path, cfg, soul="# SOUL\nBe brief.\n", agents_md=None)
    return loaded.paths.config_path


def test_pipeline_reply_from_scripted_dry_run(tmp_path: Path) -> None:
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps(
            {
                "turns": [
                    {"toolCalls": [{"name": "session_status", "arguments": {}}]},
                    {"text": "dry run reply"},
                ]
            }
        )
    )
    loaded = load_config(resolve_paths({}, config=_install(tmp_path, "dry/run")))
    models = ModelsConfig.model_validate(
        {"providers": {"dry": {"api": "script", "script": str(script)}}}
    )
    pipeline = build_install(loaded, {}, runtime_options={"models": models}).pipeline
    outcome = asyncio.run(pipeline.handle(_owner_message("hello")))
    assert (outcome.kind, outcome.reply) == ("admitted", "dry run reply")
    assert [e.role for e in pipeline.store.history(outcome.session_key or "", 10)] == [
        "user",
        "assistant",
    ]


def test_pipeline_reply_from_real_adapter_against_fake_server(tmp_path: Path) -> None:
    with fake_server([openai_stream("hi from the fake")]) as srv:
        loaded = load_config(resolve_paths({}, config=_install(tmp_path, "local/m")))
        models = ModelsConfig.model_validate(
            {"providers": {"local": {"baseUrl": srv.url, "maxRetries": 0}}}
        )
        pipeline = build_install(loaded, {}, runtime_options={"models": models}).pipeline
        outcome = asyncio.run(pipeline.handle(_owner_message("hello")))
    assert outcome.reply == "hi from the fake"
    body = srv.requests[0][2]
    assert "Be brief." in body["messages"][0]["content"]
    assert body["messages"][-1] == {"role": "user", "content": "hello"}
