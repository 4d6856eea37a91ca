"""The inbound pipeline: channel -> access -> commands -> channel guard -> routing -> agent."""

from __future__ import annotations

from clawkeep.pipeline.build import TRANSCRIPTS_FILE, build_pipeline
from clawkeep.pipeline.guard import ChannelScanner, ScanVerdict
from clawkeep.pipeline.pipeline import InboundPipeline
from clawkeep.pipeline.types import (
    CommandRunner,
    InboundHandler,
    Outcome,
    Responder,
    TurnRequest,
)

__all__ = [
    "TRANSCRIPTS_FILE",
    "ChannelScanner",
    "CommandRunner",
    "InboundHandler",
    "InboundPipeline",
    "Outcome",
    "Responder",
    "ScanVerdict",
    "TurnRequest",
    "build_pipeline",
]
