"""The web chat adapter: the operator's frames only, bounded and well formed."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from clawkeep.access import PairingStore
from clawkeep.channels.webchat import MAX_TEXT, webchat_message
from clawkeep.config import resolve_paths
from clawkeep.config.schema import RootConfig
from clawkeep.contracts import InboundMessage
from clawkeep.decision import Deny
from clawkeep.events.log import EventLog
from clawkeep.pipeline import InboundPipeline
from clawkeep.sessions import TranscriptStore


def test_operator_frame_is_admitted_as_owner_with_no_channel_config(tmp_path: Path) -> None:
    msg = webchat_message({"type": "chat", "text": "hi", "id": "f1"})
    assert isinstance(msg, InboundMessage) and msg.is_owner and msg.channel == "webchat"
    paths = resolve_paths({"HOME": str(tmp_path)}, config=tmp_path / "s" / "c.json")
    pipe = InboundPipeline(
        RootConfig(),
        paths,
        store=TranscriptStore(tmp_path / "s" / "t.sqlite"),
        pairing=PairingStore.open(tmp_path / "s"),
        events=EventLog(),
    )
    out = asyncio.run(pipe.handle(msg))
    assert (out.kind, out.session_key) == ("admitted", "agent:main:main")
    assert pipe.events.recent[0].reason == "access.owner"


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "other", "text": "hi"},
        {"type": "chat"},
        {"type": "chat", "text": 5},
        {"type": "chat", "text": "  "},
        {"type": "chat", "text": "x", "id": 7},
    ],
)
def test_malformed_frames_never_become_messages(frame: dict[str, Any]) -> None:
    out = webchat_message(frame)
    assert isinstance(out, Deny) and out.reason == "channels.webchat.malformed"


def test_oversized_frame_is_refused() -> None:
    out = webchat_message({"type": "chat", "text": "x" * (MAX_TEXT + 1)})
    assert isinstance(out, Deny) and out.reason == "channels.webchat.too_long"
