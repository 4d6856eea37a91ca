"""Helpers for the pipeline tests: a real config file, the real pipeline, a context echo."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from clawkeep.config import LoadedConfig
from clawkeep.contracts import InboundMessage, Outcome, TurnRequest
from clawkeep.events.log import EventLog
from clawkeep.pipeline import TRANSCRIPTS_FILE, InboundPipeline, build_pipeline
from clawkeep.sessions import TranscriptStore
from tests.conftest import make_install

__all__ = ["ContextEcho", "dm", "load", "make", "run"]


def load(tmp_path: Path, config: dict[str, Any]) -> LoadedConfig:
    return make_install(tmp_path, config)


class ContextEcho:
    """A real responder: its reply is the model context it was given (the session history)."""

    def __init__(self, store: TranscriptStore) -> None:
        self.store = store
        self.requests: list[TurnRequest] = []

    async def respond(self, request: TurnRequest) -> str | None:
        self.requests.append(request)
        history = self.store.history(request.session_key, 100)
        return " | ".join(f"{e.role}:{e.text}" for e in history)


def make(tmp_path: Path, config: dict[str, Any], **kw: Any) -> tuple[InboundPipeline, ContextEcho]:
    loaded = load(tmp_path, config)
    store = TranscriptStore(loaded.paths.state_dir / TRANSCRIPTS_FILE)
    echo = ContextEcho(store)
    events = EventLog(loaded.paths.logs_dir / "events.jsonl")
    pipe = build_pipeline(loaded, events=events, store=store, responder=echo, **kw)
    return pipe, echo


def dm(sender: str, text: str, channel: str = "telegram", **kw: Any) -> InboundMessage:
    return InboundMessage(channel, kw.pop("account", "default"), sender, "direct", text, "r", **kw)


def run(pipe: InboundPipeline, msg: InboundMessage) -> Outcome:
    return asyncio.run(pipe.handle(msg))
